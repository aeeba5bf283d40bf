import type { Sql } from '../db/client';

/**
 * Wakes a run suspended in a step that waits for an outside decision (a pay page submission, a
 * fraud review): the step whose saved state has `stateKey` = `value` becomes due now and the
 * run's job is queued at once, instead of at the step's own wake-up time. Harmless when the run
 * is not waiting (it is executing, or already moved on): the step re-reads the truth either way.
 */
export async function wakeSuspendedStep(
  sql: Sql,
  runId: string,
  stateKey: string,
  value: string,
): Promise<void> {
  await sql.unsafe(
    `with steps as (
       update run_steps set resume_at = now()
       where run_id = $1::uuid and status = 'suspended' and state->>$3 = $2
         and resume_at > now()
       returning 1),
     run as (
       update runs set resume_at = now(), updated_at = now()
       where id = $1::uuid and status = 'waiting'
       returning id)
     select (select count(*) from steps) as steps,
       (select count(*) from (
         select graphile_worker.add_job('run.execute', json_build_object('runId', id::text),
           job_key => 'run:' || id::text, job_key_mode => 'replace')
         from run) j) as jobs`,
    [runId, value, stateKey],
  );
}
