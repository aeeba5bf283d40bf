-- Journal entries are immutable once posted: corrections are reversal entries, never edits.
CREATE FUNCTION "ledger"."refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger: % of % is not allowed; post a reversal instead', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001';
END $$;
--> statement-breakpoint
CREATE TRIGGER "journal_entries_immutable" BEFORE UPDATE OR DELETE ON "ledger"."journal_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger"."refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "journal_lines_immutable" BEFORE UPDATE OR DELETE ON "ledger"."journal_lines"
  FOR EACH ROW EXECUTE FUNCTION "ledger"."refuse_change"();
--> statement-breakpoint
-- Every entry balances when its transaction commits (deferred, so lines can be inserted one by one).
CREATE FUNCTION "ledger"."check_entry_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
  lines integer;
  debits numeric;
  credits numeric;
BEGIN
  SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0)
    INTO lines, debits, credits
    FROM "ledger"."journal_lines" WHERE entry_id = entry;
  IF lines < 2 OR debits <> credits OR debits = 0 THEN
    RAISE EXCEPTION 'ledger: journal entry % does not balance (% lines, debits %, credits %)',
      entry, lines, debits, credits USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "journal_entries_balanced" AFTER INSERT ON "ledger"."journal_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger"."check_entry_balanced"('id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "journal_lines_balanced" AFTER INSERT ON "ledger"."journal_lines"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger"."check_entry_balanced"('entry_id');
