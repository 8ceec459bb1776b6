// The part of qrcode the renderer uses (its browser build). @types/qrcode
// describes the Node build and brings all of Node's types with it, which the
// renderer's type check must not have: tsconfig.web.json maps 'qrcode' here.
declare module 'qrcode' {
  interface SvgOptions {
    type: 'svg'
    margin?: number
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'
  }
  const QRCode: { toString(text: string, options: SvgOptions): Promise<string> }
  export default QRCode
}
