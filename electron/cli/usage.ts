export const USAGE = `Usage :
  sesame import FICHIER [FICHIER2] --db REGISTRE [--mapping CORRESPONDANCE.json] [--dry-run] [--json] [--mark-left]
  sesame export --db REGISTRE --json
  sesame anomalies --db REGISTRE --json
  sesame edit (guardian ID | student ID | apply-suggestions --kind KIND) --db REGISTRE --as NOM [options] [--json]
  sesame config --db REGISTRE --service URL --token JETON
  sesame sync --db REGISTRE [--json]
  sesame letters --db REGISTRE (--division 6A | --guardian ID | --all-inactive) --out FICHIER.pdf [--reissue] [--json]

Commandes :
  import   importe une ou deux fiches (CSV, TSV) dans le registre
           --mapping     correspondance colonnes → champs, ex. {"Nom élève": "student.lastName"}
           --dry-run     montre ce que l'import ferait, sans rien écrire
           --json        résumé en JSON sur la sortie standard
           --mark-left   marque sortis les élèves absents d'un export complet (confirmation)
  export   écrit tout le registre en JSON sur la sortie standard
  anomalies  liste ce qui bloquera un parent (téléphone, courriel, date de naissance, liens…) :
           {"anomalies":[{"kind","message","students":[ids],"guardians":[ids]}]}
  edit     corrige une fiche comme le formulaire de l'application (mêmes contrôles, historique
           signé du nom donné par --as, qui doit figurer dans le personnel actif) :
           guardian ID  --last-name --first-name --civility --phone "06…" [--phone-country FR]
                        --no-phone --email --no-email
           student ID   --last-name --first-name --birth-date "03/05/2014" --division --status enrolled|left
           apply-suggestions --kind guardian.invalid_mobile|guardian.invalid_email : applique à tous
                        les responsables concernés la correction sûre proposée par le guichet
           --json imprime {"entity","id","version","changes","warnings"} ou {"kind","applied","skipped"}
  config   adresse du service de comptes et jeton de l'établissement (jeton gardé à part, lisible
           par son seul propriétaire ; jamais réaffiché)
  sync     envoie les modifications en attente et reçoit celles du service ; --json imprime
           {"pushed":N,"applied":N,"duplicates":N,"conflicts":N,"rejected":N,"pulled":N}
  letters  imprime les courriers de notification dans un PDF (identifiants émis par le service) ;
           --json imprime {"letters":N,"pages":N,"file":"..."} ; les responsables écartés et la
           raison sur la sortie d'erreur

Codes de sortie : 0 réussi, 1 échec, 2 fichier inutilisable, 3 registre utilisé par un autre programme, 64 usage.`;
