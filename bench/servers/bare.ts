// Baseline server: plain node:http reading the request body and answering a
// fixed JSON body about the size of a Ticketi check-in answer. Whatever the
// client, loopback and the machine cost shows up here too.
import { createServer } from 'node:http'

const body = JSON.stringify({
  result: 'OK',
  direction: 'in',
  message: 'Welcome, Guest 1!',
  ticket: { id: 1, uuid: '00000000-0000-4000-8000-000000000000', short_code: '000001', status: 'checked_in' },
  checkin_id: 1,
})

const server = createServer((request, response) => {
  request.resume()
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    response.end(body)
  })
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
