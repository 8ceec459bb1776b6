// Backups as the admin sees them (Settings → Backups, /api/v1/backups), and the
// host's health. Making a copy and asking for a restore touch files, not rows,
// so they run outside any transaction (src/main/effects.ts).
import type Database from 'better-sqlite3'
import type { Principal } from '../../shared/principal'
import { recordAudit } from '../audit'
import { cancelRestore, requestRestore } from '../backup/restore'
import { backupList, type BackupService } from '../backup/service'
import type { Handlers } from '../dispatcher'
import type { Effects } from '../effects'

export const backupOperations: Pick<Handlers, 'health' | 'listBackups'> = {
  health(_input, { health }) {
    return health()
  },
  listBackups(_input, { store }) {
    return backupList(store.path)
  },
}

export function backupEffects(
  sqlite: Database.Database,
  dbPath: string,
  backups: BackupService,
  logError: (error: unknown) => void,
): Pick<Effects, 'createBackup' | 'restoreBackup' | 'cancelRestore'> {
  // The audit trail names who did it; a disk too full for that row does not undo the copy.
  const note = (who: Principal, action: string, after: unknown) => {
    try {
      recordAudit(sqlite, who, { action, entity: 'backup', after }, new Date().toISOString())
    } catch (error) {
      logError(error)
    }
  }
  return {
    async createBackup(_input, who) {
      const made = await backups.backUp('manual')
      note(who, 'createBackup', made)
      return made
    },
    async restoreBackup({ name }, who) {
      requestRestore(dbPath, name)
      note(who, 'requestRestore', { name })
      return {
        name,
        at: 'next start',
        message:
          `Restart Ticketi to put back ${name}. Until then nothing changes; at the start, before the ` +
          'database is opened, the one in use now is kept aside in backups/ and the copy takes its place.',
      }
    },
    async cancelRestore(_input, who) {
      cancelRestore(dbPath)
      note(who, 'cancelRestore', null)
      return backups.list()
    },
  }
}
