// The total in words printed on invoices: Spanish number grammar (apocope, CIEN/CIENTO, MIL without UN,
// "DE" after whole millions), currency legends, and exactness on large amounts given as strings.
import { describe, expect, it } from "vitest";
import { formatAmountInWords, integerInWords } from "~/domain/documents/amount-in-words";

const words = (n: string) => integerInWords(n).words;

describe("formatAmountInWords", () => {
  it.each([
    ["1234.56", "MXN", "MIL DOSCIENTOS TREINTA Y CUATRO PESOS 56/100 M.N."],
    ["1234.56", "COP", "MIL DOSCIENTOS TREINTA Y CUATRO PESOS 56/100 M/CTE"],
    ["1234.56", "USD", "MIL DOSCIENTOS TREINTA Y CUATRO DÓLARES 56/100 USD"],
    ["1", "MXN", "UN PESO 00/100 M.N."],
    ["1.00", "USD", "UN DÓLAR 00/100 USD"],
    ["21", "MXN", "VEINTIÚN PESOS 00/100 M.N."],
    ["31", "MXN", "TREINTA Y UN PESOS 00/100 M.N."],
    ["100", "MXN", "CIEN PESOS 00/100 M.N."],
    ["101", "MXN", "CIENTO UN PESOS 00/100 M.N."],
    ["115", "MXN", "CIENTO QUINCE PESOS 00/100 M.N."],
    ["1000", "MXN", "MIL PESOS 00/100 M.N."],
    ["1001", "MXN", "MIL UN PESOS 00/100 M.N."],
    ["2000", "MXN", "DOS MIL PESOS 00/100 M.N."],
    ["21000", "MXN", "VEINTIÚN MIL PESOS 00/100 M.N."],
    ["100000", "MXN", "CIEN MIL PESOS 00/100 M.N."],
    ["101000", "MXN", "CIENTO UN MIL PESOS 00/100 M.N."],
    ["1000000", "MXN", "UN MILLÓN DE PESOS 00/100 M.N."],
    ["1000001", "MXN", "UN MILLÓN UN PESOS 00/100 M.N."],
    ["2000000", "MXN", "DOS MILLONES DE PESOS 00/100 M.N."],
    ["21000000", "MXN", "VEINTIÚN MILLONES DE PESOS 00/100 M.N."],
    ["1500000", "COP", "UN MILLÓN QUINIENTOS MIL PESOS 00/100 M/CTE"],
    ["1000000000", "MXN", "MIL MILLONES DE PESOS 00/100 M.N."],
    ["0.05", "MXN", "CERO PESOS 05/100 M.N."],
    ["0", "USD", "CERO DÓLARES 00/100 USD"],
    ["16.16", "MXN", "DIECISÉIS PESOS 16/100 M.N."],
    ["22.10", "MXN", "VEINTIDÓS PESOS 10/100 M.N."],
    ["555.5", "MXN", "QUINIENTOS CINCUENTA Y CINCO PESOS 50/100 M.N."],
    ["777", "MXN", "SETECIENTOS SETENTA Y SIETE PESOS 00/100 M.N."],
    ["999", "MXN", "NOVECIENTOS NOVENTA Y NUEVE PESOS 00/100 M.N."],
    ["10.005", "MXN", "DIEZ PESOS 01/100 M.N."],
  ] as const)("%s %s", (amount, currency, expected) => {
    expect(formatAmountInWords(amount, currency)).toBe(expected);
  });

  it("is exact at the top of the range, where a float would lose the cents", () => {
    expect(formatAmountInWords("999999999999.99", "MXN")).toBe(
      "NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE MILLONES NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE PESOS 99/100 M.N.",
    );
    expect(formatAmountInWords("123456789012.34", "COP")).toBe(
      "CIENTO VEINTITRÉS MIL CUATROCIENTOS CINCUENTA Y SEIS MILLONES SETECIENTOS OCHENTA Y NUEVE MIL DOCE PESOS 34/100 M/CTE",
    );
  });

  it("refuses negative amounts and amounts beyond the range", () => {
    expect(() => formatAmountInWords("-1", "MXN")).toThrow(RangeError);
    expect(() => formatAmountInWords("1000000000000", "MXN")).toThrow(RangeError);
    expect(() => formatAmountInWords("abc", "MXN")).toThrow(RangeError);
  });
});

describe("integerInWords", () => {
  it.each([
    ["21", "VEINTIÚN"],
    ["1021000", "UN MILLÓN VEINTIÚN MIL"],
    ["21021021", "VEINTIÚN MILLONES VEINTIÚN MIL VEINTIÚN"],
    ["1001000000", "MIL UN MILLONES"],
    ["21000000000", "VEINTIÚN MIL MILLONES"],
    ["200300", "DOSCIENTOS MIL TRESCIENTOS"],
  ])("%s", (n, expected) => {
    expect(words(n)).toBe(expected);
  });

  it("keeps the full form when not followed by a noun", () => {
    expect(integerInWords("21", false).words).toBe("VEINTIUNO");
    expect(integerInWords("101", false).words).toBe("CIENTO UNO");
  });
});
