import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';
import { searchKey, slugify, uniqueId } from './ids.ts';

describe('ids made from names', () => {
  it('spells Danish letters the Danish way', () => {
    expect(slugify('Holbæk Sygehus')).toBe('holbaek-sygehus');
    expect(slugify('Nykøbing Sj. Varmeværk')).toBe('nykoebing-sj-varmevaerk');
    expect(slugify('Fårevejle Renseanlæg')).toBe('faarevejle-renseanlaeg');
  });

  it('never gives an empty id and adds a number when the id is taken', () => {
    expect(slugify('!!!')).toBe('item');
    const taken = new Set(['fors', 'fors-2']);
    expect(uniqueId('fors', (id) => taken.has(id))).toBe('fors-3');
  });

  it('lets search ignore case and accents', () => {
    expect(searchKey('Asnæsværket')).toContain(searchKey('asnaesvaerket'));
  });
});

describe('CSV for spreadsheets', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Fors A/S, Holbæk')).toBe('"Fors A/S, Holbæk"');
    expect(csvCell('the "green" motorway')).toBe('"the ""green"" motorway"');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell(-5)).toBe('-5');
  });

  it('defuses full-width and padded formula starts that spreadsheets fold to ASCII', () => {
    expect(csvCell('＝1+1')).toBe("'＝1+1");
    expect(csvCell('＋SUM(A1)')).toBe("'＋SUM(A1)");
    expect(csvCell('  =1+1')).toBe("'  =1+1");
    expect(csvCell('\u3000@SUM(A1)')).toBe("'\u3000@SUM(A1)");
    expect(csvCell('Kalundborg = 1961')).toBe('Kalundborg = 1961');
  });

  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [[1, null]])).toBe('a,b\r\n1,\r\n');
  });
});
