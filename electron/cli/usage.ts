export const USAGE = `Usage :
  sesame import FICHIER [FICHIER2] --db REGISTRE [--mapping CORRESPONDANCE.json] [--dry-run] [--json] [--mark-left]
  sesame export --db REGISTRE --json

Commandes :
  import   importe une ou deux fiches (CSV, TSV) dans le registre
           --mapping     correspondance colonnes → champs, ex. {"Nom élève": "student.lastName"}
           --dry-run     montre ce que l'import ferait, sans rien écrire
           --json        résumé en JSON sur la sortie standard
           --mark-left   marque sortis les élèves absents d'un export complet (confirmation)
  export   écrit tout le registre en JSON sur la sortie standard

Codes de sortie : 0 réussi, 1 échec, 2 fichier inutilisable, 3 registre utilisé par un autre programme, 64 usage.`;
