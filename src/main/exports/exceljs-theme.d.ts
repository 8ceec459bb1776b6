// The Office theme exceljs puts in every workbook it writes (a module of one string).
declare module 'exceljs/lib/xlsx/xml/theme1.js' {
  const xml: string
  export default xml
}
