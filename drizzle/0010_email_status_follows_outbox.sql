-- Each ticket carries its sale's email status (reconciliation counts it without joining the
-- outbox). The database copies it from the sale's outbox rows whenever one is added, changes
-- status or sale, or is removed, so no code path has to remember it: delivered once any message
-- was accepted by the mail server, else pending while one waits, else failed, else none.
CREATE TRIGGER `email_outbox_status_insert` AFTER INSERT ON `email_outbox` WHEN new.sale_id IS NOT NULL BEGIN
  UPDATE ticket SET email_status = coalesce((
    SELECT CASE WHEN max(o.status = 'sent') THEN 'delivered'
                WHEN max(o.status IN ('queued', 'sending')) THEN 'pending'
                WHEN max(o.status = 'failed') THEN 'failed' END
      FROM email_outbox o WHERE o.sale_id = new.sale_id), 'none')
   WHERE sale_id = new.sale_id;
END;
--> statement-breakpoint
CREATE TRIGGER `email_outbox_status_update` AFTER UPDATE OF status, sale_id ON `email_outbox` BEGIN
  UPDATE ticket SET email_status = coalesce((
    SELECT CASE WHEN max(o.status = 'sent') THEN 'delivered'
                WHEN max(o.status IN ('queued', 'sending')) THEN 'pending'
                WHEN max(o.status = 'failed') THEN 'failed' END
      FROM email_outbox o WHERE o.sale_id = ticket.sale_id), 'none')
   WHERE sale_id IN (new.sale_id, old.sale_id);
END;
--> statement-breakpoint
CREATE TRIGGER `email_outbox_status_delete` AFTER DELETE ON `email_outbox` WHEN old.sale_id IS NOT NULL BEGIN
  UPDATE ticket SET email_status = coalesce((
    SELECT CASE WHEN max(o.status = 'sent') THEN 'delivered'
                WHEN max(o.status IN ('queued', 'sending')) THEN 'pending'
                WHEN max(o.status = 'failed') THEN 'failed' END
      FROM email_outbox o WHERE o.sale_id = old.sale_id), 'none')
   WHERE sale_id = old.sale_id;
END;
--> statement-breakpoint
-- Whatever an older version left out of step is put right once.
UPDATE ticket SET email_status = coalesce((
  SELECT CASE WHEN max(o.status = 'sent') THEN 'delivered'
              WHEN max(o.status IN ('queued', 'sending')) THEN 'pending'
              WHEN max(o.status = 'failed') THEN 'failed' END
    FROM email_outbox o WHERE o.sale_id = ticket.sale_id), 'none')
 WHERE sale_id IS NOT NULL;
