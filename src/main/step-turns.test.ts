import { describe, expect, it } from 'vitest'
import { stepTurn } from './step-turns'

describe('step turns', () => {
  it('lets one step go per turn of the event loop, the jobs taking turns', async () => {
    // Counts the loop's turns: runs once in each, after its I/O.
    let turns = 0
    let counting = true
    const count = () => {
      turns++
      if (counting) setImmediate(count)
    }
    setImmediate(count)
    const steps: Array<{ job: string; turn: number }> = []
    const job = async (name: string) => {
      for (let i = 0; i < 3; i++) {
        await stepTurn()
        steps.push({ job: name, turn: turns })
      }
    }
    await Promise.all([job('seed'), job('guest list'), job('export')])
    counting = false
    expect(new Set(steps.map((s) => s.turn)).size).toBe(9)
    expect(steps.map((s) => s.job)).toEqual(Array(3).fill(['seed', 'guest list', 'export']).flat())
  })

  it('commits what the door sent during a step before the next step of any job', async () => {
    const order: string[] = []
    const job = async (name: string) => {
      for (let i = 0; i < 2; i++) {
        await stepTurn()
        order.push(`${name} ${i}`)
        // The group commit of check-ins read during this step runs as an immediate.
        setImmediate(() => order.push(`door after ${name} ${i}`))
      }
    }
    await Promise.all([job('seed'), job('export')])
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual([
      'seed 0',
      'door after seed 0',
      'export 0',
      'door after export 0',
      'seed 1',
      'door after seed 1',
      'export 1',
      'door after export 1',
    ])
  })
})
