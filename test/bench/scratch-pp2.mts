import Papa from 'papaparse';
const show = (s: string) => { const r = Papa.parse<string[]>(s, { delimitersToGuess: [';', ',', '\t', '|'] }); console.log(JSON.stringify(s), JSON.stringify(r.data), r.meta.delimiter, JSON.stringify(r.errors)); };
show('a;b\n1;2\n');
show('a;b\r\n1;2\r\n\r\n;\r\n3;"x\ny"\r\n');
show('a;b\n1;"2\n');
show('nom\nDupont\nMartin\n');
show('nom,prenom\n"Du,pont",Jean\n');
