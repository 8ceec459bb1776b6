// An XLSX workbook of one sheet, written a page of rows at a time. The sheet's
// XML is the same, byte for byte, as exceljs's streaming writer makes it (no
// shared strings, no styles), and the other parts are the ones exceljs writes;
// building the rows as plain strings here instead of as exceljs Row and Cell
// objects is what makes 100,000 rows take a fraction of a second.
// Every text cell is written as text (t="str"): "=1+1" stays the words "=1+1".
import theme from 'exceljs/lib/xlsx/xml/theme1.js'
import type { Cell } from '../operations/reconciliation'
import { deflatingEntry, smallEntry, zipFile } from './zip'

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'

const SHEET_START =
  XML_HEAD +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
  ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"' +
  ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac"' +
  ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">' +
  '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>' +
  '<sheetData>'

const SHEET_END =
  '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
  '<pageSetup orientation="portrait" horizontalDpi="4294967295" verticalDpi="4294967295" scale="100"' +
  ' fitToWidth="1" fitToHeight="1"/></worksheet>'

/** What XML cannot hold as it is; the control characters XML 1.0 forbids are dropped, as exceljs does. */
// eslint-disable-next-line no-control-regex -- finding those characters is the point
const XML_UNSAFE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/
const XML_UNSAFE_ALL = new RegExp(XML_UNSAFE.source, 'g')
const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
}

export function xmlText(text: string): string {
  return XML_UNSAFE.test(text) ? text.replace(XML_UNSAFE_ALL, (c) => ENTITIES[c] ?? '') : text
}

/** A, B, ... Z, AA, AB, ...: the column letters of cell addresses. */
function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  }
  return name
}

const COLUMNS = Array.from({ length: 64 }, (_, i) => columnName(i))

/**
 * One row's XML. Like exceljs: an empty cell is left out but still counts in the
 * row's span, and a row of empty cells is left out altogether.
 */
function rowXml(number: number, cells: Cell[]): string {
  const xml: string[] = []
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]
    if (cell === null || cell === undefined) continue
    const ref = (COLUMNS[i] ?? columnName(i)) + number
    xml.push(
      typeof cell === 'number'
        ? `<c r="${ref}"><v>${cell}</v></c>`
        : `<c r="${ref}" t="str"><v>${xmlText(cell)}</v></c>`,
    )
  }
  if (xml.length === 0) return ''
  return `<row r="${number}" spans="1:${cells.length}" x14ac:dyDescent="0.25">${xml.join('')}</row>`
}

function workbookParts(sheetName: string, at: Date) {
  const name = xmlText(sheetName)
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const rels = (list: string) =>
    `${XML_HEAD}\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list}</Relationships>`
  const officeRel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  return [
    smallEntry(
      '[Content_Types].xml',
      `${XML_HEAD}\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '</Types>',
    ),
    smallEntry(
      '_rels/.rels',
      rels(
        `<Relationship Id="rId1" Type="${officeRel}/officeDocument" Target="xl/workbook.xml"/>` +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
          `<Relationship Id="rId3" Type="${officeRel}/extended-properties" Target="docProps/app.xml"/>`,
      ),
    ),
    smallEntry(
      'docProps/app.xml',
      `${XML_HEAD}\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
        '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>' +
        `<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>${name}</vt:lpstr></vt:vector></TitlesOfParts>` +
        '<Company></Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>',
    ),
    smallEntry(
      'docProps/core.xml',
      `${XML_HEAD}\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        '<dc:creator>Ticketi</dc:creator><cp:lastModifiedBy>Ticketi</cp:lastModifiedBy>' +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`,
    ),
    smallEntry(
      'xl/workbook.xml',
      `${XML_HEAD}\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${officeRel}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
        '<fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>' +
        `<sheets><sheet sheetId="1" name="${name}" state="visible" r:id="rId3"/></sheets><calcPr calcId="171027"/></workbook>`,
    ),
    smallEntry(
      'xl/_rels/workbook.xml.rels',
      rels(
        `<Relationship Id="rId1" Type="${officeRel}/styles" Target="styles.xml"/>` +
          `<Relationship Id="rId2" Type="${officeRel}/theme" Target="theme/theme1.xml"/>` +
          `<Relationship Id="rId3" Type="${officeRel}/worksheet" Target="worksheets/sheet1.xml"/>`,
      ),
    ),
    smallEntry(
      'xl/styles.xml',
      `${XML_HEAD}\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">` +
        '<fonts x14ac:knownFonts="1" count="1"><font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
        '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
        '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>' +
        '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst></styleSheet>',
    ),
    smallEntry('xl/theme/theme1.xml', theme),
  ]
}

/** A workbook of one sheet named `sheetName`: rows in, page by page; the file's bytes at the end. */
export function xlsxWorkbook(sheetName: string, at: Date) {
  const sheet = deflatingEntry('xl/worksheets/sheet1.xml')
  let rowNumber = 0
  let started = false
  return {
    async addRows(rows: Cell[][]): Promise<void> {
      const xml = rows.map((row) => rowXml(++rowNumber, row))
      if (!started) xml.unshift(SHEET_START)
      started = true
      await sheet.write(xml.join(''))
    },
    async file(): Promise<Buffer> {
      await sheet.write(started ? SHEET_END : SHEET_START + SHEET_END)
      return zipFile([...workbookParts(sheetName, at), await sheet.end()], at)
    },
  }
}
