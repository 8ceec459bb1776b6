-- Box office search (listTickets q) through FTS5 indexes of customers and holders that the
-- database keeps in step with them by triggers, so no code path has to remember it.
-- Names and emails are split into words with accents folded ("Zoë" is found by "zoe") and
-- searched by word prefix in any order. A phone number is kept as its digits, however it was
-- written, plus the suffixes of its last 9 digits (the national number, so "+33 6 12 34 56 78"
-- and "06.12.34.56.78" meet), which makes any run of those digits a word prefix.
CREATE VIRTUAL TABLE `customer_search` USING fts5(name, email, phone, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `person_search` USING fts5(name, email, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `customer_search_insert` AFTER INSERT ON `customer` BEGIN
  INSERT INTO customer_search (rowid, name, email, phone)
    SELECT id, name, email, d || ' ' || substr(d, -9) || ' ' || substr(d, -8) || ' ' || substr(d, -7) || ' ' || substr(d, -6) || ' ' || substr(d, -5) || ' ' || substr(d, -4)
      FROM (SELECT new.id AS id, new.name AS name, new.email AS email, replace(replace(replace(replace(replace(replace(replace(new.phone, '+', ''), ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), '/', '') AS d);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_search_update` AFTER UPDATE OF id, name, email, phone ON `customer` BEGIN
  DELETE FROM customer_search WHERE rowid = old.id;
  INSERT INTO customer_search (rowid, name, email, phone)
    SELECT id, name, email, d || ' ' || substr(d, -9) || ' ' || substr(d, -8) || ' ' || substr(d, -7) || ' ' || substr(d, -6) || ' ' || substr(d, -5) || ' ' || substr(d, -4)
      FROM (SELECT new.id AS id, new.name AS name, new.email AS email, replace(replace(replace(replace(replace(replace(replace(new.phone, '+', ''), ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), '/', '') AS d);
END;
--> statement-breakpoint
CREATE TRIGGER `customer_search_delete` AFTER DELETE ON `customer` BEGIN
  DELETE FROM customer_search WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `person_search_insert` AFTER INSERT ON `person` BEGIN
  INSERT INTO person_search (rowid, name, email) VALUES (new.id, new.name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER `person_search_update` AFTER UPDATE OF id, name, email ON `person` BEGIN
  DELETE FROM person_search WHERE rowid = old.id;
  INSERT INTO person_search (rowid, name, email) VALUES (new.id, new.name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER `person_search_delete` AFTER DELETE ON `person` BEGIN
  DELETE FROM person_search WHERE rowid = old.id;
END;
--> statement-breakpoint
-- The customers and holders of an existing database.
INSERT INTO customer_search (rowid, name, email, phone)
  SELECT id, name, email, d || ' ' || substr(d, -9) || ' ' || substr(d, -8) || ' ' || substr(d, -7) || ' ' || substr(d, -6) || ' ' || substr(d, -5) || ' ' || substr(d, -4)
    FROM (SELECT id, name, email, replace(replace(replace(replace(replace(replace(replace(phone, '+', ''), ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), '/', '') AS d FROM customer);
--> statement-breakpoint
INSERT INTO person_search (rowid, name, email) SELECT id, name, email FROM person;
