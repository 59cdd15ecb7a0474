// End-to-end tests of "Trace a job" (issue 15): a site traces a DIRAC pilot on HTCondor-CE and a
// glidein on ARC CE from pasted environments, copies commands and the request (every value it
// typed is in the request, no required field missing) and downloads it as JSON; the VO imports
// that file and sees its own steps filled, then reads the same request from a pasted e-mail.
// Elements are found by role and label. The environments are real-shaped: framework variables as
// named in challenge.md §4, values invented.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIRAC_ENV = [
  'PATH=/usr/local/bin:/usr/bin:/bin', 'HOME=/home/lhcbplt07', 'USER=lhcbplt07',
  '_CONDOR_SCRATCH_DIR=/pool/condor/dir_4711', '_CONDOR_JOB_AD=/pool/condor/dir_4711/.job.ad',
  'BATCH_SYSTEM=HTCondor', 'CONDORCE_COLLECTOR_HOST=ce13.pic.es:9619', 'HTCONDOR_JOBID=19126986.5',
  'DIRAC_PILOT_STAMP=f3e9a1c07b2d4e55', 'DIRACSITE=LCG.PIC.es', 'DIRACJOBID=987654321', 'DIRAC_PROCESSORS=8',
].join('\n');

// The payload inside the glidein (as `tr '\0' '\n'` prints it) …
const GLIDEIN_PAYLOAD_ENV = [
  '_CONDOR_SCRATCH_DIR=/scratch/slurm-9182736/glide_aB3xYz/execute/dir_5521',
  '_CONDOR_JOB_AD=/scratch/slurm-9182736/glide_aB3xYz/execute/dir_5521/.job.ad',
  'BATCH_SYSTEM=HTCondor', 'HOME=/home/cmsplt01', 'OMP_NUM_THREADS=1',
].join('\n');
// … and the glidein's own startd, a copy of /proc/<pid>/environ: NUL-separated.
const GLIDEIN_STARTD_ENVIRON = Buffer.from([
  'SLURM_JOB_ID=9182736', 'SLURM_JOB_USER=cmsplt01', 'GRID_GLOBAL_JOBID=gsiftp://arc01.example.org:2811/jobs/Xy7bQ9',
  'GRID_GLOBAL_JOBURL=https://arc01.example.org:443/arex/Xy7bQ9', 'GRID_GLOBAL_JOBHOST=arc01.example.org',
  'CONDOR_CONFIG=/scratch/slurm-9182736/glide_aB3xYz/condor_config', 'HOME=/home/cmsplt01', '',
].join('\0'));

/** The values a site types for the DIRAC case (label → value), Cyrillic, hostile characters included. */
const DIRAC_TYPED = {
  'Incident or exercise ID': '2025-03-01_001_EXERCISE',
  'Site name': 'UKI-NORTHGRID-EXAMPLE',
  'VO': 'lhcb',
  'Reported by': 'Иван Петров, site security',
  'Reply to': 'security@site.example.org',
  'What was seen': "outbound 203.0.113.7:4444 from ./kworkerd; process title '; rm -rf ~",
  'First seen': '2025-03-01 02:47',
  'Last seen': '2025-03-01 03:15',
  'Time zone': 'UTC',
  'Clock accuracy': 'NTP-synchronised',
  'Log extracts': 'Mar  1 02:47:13 wn042 conn 203.0.113.7:4444\nMar  1 02:47:14 wn042 conn 203.0.113.7:4444',
  'Worker node': 'wn042.site.example.org',
  'Local account': 'lhcbplt07',
  'Process ID': '81234',
  'Batch job ID': '4711.0',
  'CE host': 'ce13.pic.es',
  'Pilot certificate DN': '/DC=ch/DC=cern/OU=Organic Units/OU=Users/CN=lhcbpilot/CN=123456/CN=Robot: LHCb Pilot',
  'Evidence preserved': 'core dump and /proc data of 81234 on a USB disk',
  'Pilot working directory': '/pool/condor/$(touch pwned)/dir',
};

const commandTexts = (page) => page.locator('.ta-cmd__line').allTextContents();

async function fill(page, typed) {
  for (const [label, value] of Object.entries(typed)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

/** What the app last wrote to the clipboard. The page's Permissions-Policy denies reading the
 * clipboard (the app never reads it), so the test records each successful write instead: a
 * write the browser refuses records nothing. */
async function clipboard(page) {
  return page.evaluate(() => window.__copied);
}

/** Lets the app write the clipboard and records what it writes (see `clipboard`); reloads the
 * page so that the recorder is in place. */
async function recordCopies(context, page, origin) {
  await context.grantPermissions(['clipboard-write'], { origin });
  await context.addInitScript(() => {
    const clip = navigator.clipboard;
    const write = clip.writeText.bind(clip);
    clip.writeText = (text) => write(text).then(() => { window.__copied = text; });
  });
  await page.reload();
}

async function shots(page, name, ARTIFACTS) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-375.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-375-dark.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-1280-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Registers the Trace a job tests with the runner of run.mjs. */
export function traceTests(test, { fresh, assert, axe, ARTIFACTS }) {
  test('trace: a site traces a DIRAC pilot on HTCondor-CE from a pasted environment, copies commands and the request', async (server) => {
    await fresh(server, async (page, _log, context) => {
      await recordCopies(context, page, server.url);
      await page.getByRole('region', { name: 'A suspicious job, now?' }).getByRole('link', { name: 'Trace a job' }).waitFor();
      await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Trace a job' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trace a job' }).waitFor();

      // Before anything is known: safety first, commands show their gaps and cannot be copied.
      const firstStep = page.getByRole('region', { name: 'First: keep the evidence' }).getByRole('heading', { level: 4 }).first();
      assert(await firstStep.textContent() === 'Do not reboot, kill or delete anything yet', 'the first step is a safety step');
      const psCopy = page.getByRole('button', { name: 'Copy: Every process of the pilot account, as a tree.' });
      assert(await psCopy.isDisabled(), 'a command with a missing value cannot be copied');
      assert((await commandTexts(page)).includes('ps -u ⟨missing: Local account⟩ -f --forest'), 'the gap is marked, not shell syntax');

      await page.getByLabel('Environment of the suspicious process').fill(DIRAC_ENV);
      await page.getByRole('button', { name: 'Recognise' }).click();
      const said = await page.locator('.ta-trace__recognised').textContent();
      assert(said.includes('Job framework: DIRAC (from DIRAC_PILOT_STAMP, DIRACJOBID'), `recognised: ${said}`);
      assert(said.includes('CE type: HTCondor-CE'), `CE: ${said}`);
      assert(await page.getByLabel('Job framework', { exact: true }).inputValue() === 'dirac', 'framework chosen');
      assert(await page.getByLabel('CE type', { exact: true }).inputValue() === 'htcondor-ce', 'CE chosen');
      assert(await page.getByLabel('Batch system', { exact: true }).inputValue() === 'htcondor', 'batch chosen');
      assert(await page.getByLabel('DIRAC pilot stamp').inputValue() === 'f3e9a1c07b2d4e55', 'stamp captured');
      assert(await page.getByLabel('CE job ID', { exact: true }).inputValue() === '19126986.5', 'CE job captured');

      await page.getByLabel('Incident or exercise', { exact: true }).selectOption({ label: 'EXERCISE (security challenge)' });
      await fill(page, DIRAC_TYPED);
      await page.getByRole('group', { name: 'Actions so far' }).getByLabel('nothing killed or deleted').check();
      await page.getByRole('group', { name: 'Actions so far' }).getByLabel('process frozen (SIGSTOP)').check();
      await page.getByRole('group', { name: 'Framework IDs found in' }).getByLabel('process environment').check();

      const cmds = await commandTexts(page);
      for (const want of [
        "ps -u 'lhcbplt07' -f --forest",
        "condor_history '4711.0' -af RoutedFromJobId Owner x509userproxysubject orig_AuthTokenIssuer orig_AuthTokenSubject RemoteHost JobStartDate EnteredCurrentStatus",
        "grep -hF -- 'dest=4711.0,' /var/log/condor-ce/JobRouterLog*",
        "kill -STOP '81234'",
      ]) assert(cmds.includes(want), `command ${want} in ${cmds.length} commands`);
      assert(!cmds.some((c) => c.includes('arcctl')), 'no ARC step for an HTCondor-CE');
      // The marker of an inferred command stays visible next to it.
      assert(await page.getByText('Inferred: verify on your release').count() > 10, 'inferred markers shown');
      await psCopy.click();
      await page.getByRole('button', { name: 'Copy: Every process of the pilot account, as a tree.' }).getByText('Copied').waitFor();
      assert(await clipboard(page) === "ps -u 'lhcbplt07' -f --forest", 'the command was copied as shown');

      // The request: TLP, the ID in the subject, every typed value, nothing required missing.
      const request = page.getByLabel('Trace request to the VO (text)');
      const text = await request.textContent();
      assert(text.startsWith('Subject: TLP:AMBER EXERCISE (security challenge) [2025-03-01_001_EXERCISE]: trace request'), text.slice(0, 120));
      for (const [label, value] of Object.entries(DIRAC_TYPED)) {
        if (label === 'Pilot working directory') {
          assert(!text.includes(value), 'a site-only value is not in the request');
          continue;
        }
        for (const line of value.split('\n')) assert(text.includes(line), `${label}: ${line} in the request`);
      }
      assert(text.includes('DIRAC pilot stamp: f3e9a1c07b2d4e55'), 'recognised values are in the request');
      assert(!text.includes('Not known yet'), 'no required value missing');
      assert(await page.getByRole('note', { name: 'Required values not given yet' }).count() === 0, 'no missing list');
      await page.getByRole('button', { name: 'Copy the trace request to the vo' }).click();
      await page.getByRole('button', { name: 'Copy the trace request to the vo' }).getByText('Copied').waitFor();
      assert(await clipboard(page) === text, 'the request was copied as shown');
      writeFileSync(join(ARTIFACTS, 'trace-request-dirac.txt'), text);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).click()]);
      const file = join(ARTIFACTS, 'trace-request-dirac.json');
      await download.saveAs(file);
      assert(download.suggestedFilename() === 'request-2025-03-01_001_EXERCISE.json', download.suggestedFilename());
      const json = JSON.parse(readFileSync(file, 'utf8'));
      assert(json.format === 'ti-assess.trace-request' && json.schema === 1, 'request file envelope');
      assert(json.fields.batch_job_id === '4711.0' && json.fields.dirac_pilot_stamp === 'f3e9a1c07b2d4e55', 'request file values');
      assert(!('pilot_dir' in json.fields), 'no site-only value in the file');

      // A hostile value stays a quoted literal in the command.
      await page.getByLabel('Local account', { exact: true }).fill("$(touch pwned)'x");
      assert((await commandTexts(page)).includes("ps -u '$(touch pwned)'\\''x' -f --forest"), 'the value is quoted');
      await page.getByLabel('Local account', { exact: true }).fill('lhcbplt07');
      await axe(page, 'trace (site, DIRAC)');
      await shots(page, 'trace-site-dirac', ARTIFACTS);

      // Reload: the draft is kept.
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0);
      await page.getByRole('heading', { level: 1, name: 'Trace a job' }).waitFor();
      assert(await page.getByLabel('Worker node', { exact: true }).inputValue() === 'wn042.site.example.org', 'draft restored');
      assert(await page.getByLabel('Job framework', { exact: true }).inputValue() === 'dirac', 'framework restored');
    });
  });

  test('trace: a site traces a glidein on ARC CE and Slurm from two pasted environments', async (server) => {
    await fresh(server, async (page, _log, context) => {
      await recordCopies(context, page, server.url);
      await page.goto(`${server.url}#/trace`);
      await page.getByRole('heading', { level: 1, name: 'Trace a job' }).waitFor();
      // The site knows its own CE and batch system.
      await page.getByLabel('CE type', { exact: true }).selectOption({ label: 'ARC CE' });
      await page.getByLabel('Batch system', { exact: true }).selectOption({ label: 'Slurm' });
      await page.getByLabel('Environment of the suspicious process').fill(GLIDEIN_PAYLOAD_ENV);
      await page.getByRole('button', { name: 'Recognise' }).click();
      let said = await page.locator('.ta-trace__recognised').textContent();
      assert(said.includes('Job framework: glideinWMS / HTCondor glidein'), said);
      assert(said.includes('your choice, Slurm, is kept'), `a choice is never overwritten: ${said}`);
      assert(await page.getByLabel('Batch system', { exact: true }).inputValue() === 'slurm', 'Slurm kept');
      // The glidein's startd environment, as a copied environ file (NUL-separated).
      await page.getByLabel('Or choose a copy of /proc/<pid>/environ').setInputFiles({ name: 'environ', mimeType: 'application/octet-stream', buffer: GLIDEIN_STARTD_ENVIRON });
      await page.locator('.ta-trace__recognised').getByText('Batch job ID = 9182736').waitFor();
      said = await page.locator('.ta-trace__recognised').textContent();
      assert(said.includes('CE job ID = gsiftp://arc01.example.org:2811/jobs/Xy7bQ9'), said);
      assert(await page.getByLabel('CE host', { exact: true }).inputValue() === 'arc01.example.org', 'CE host captured');

      await page.getByLabel('Incident or exercise', { exact: true }).selectOption({ label: 'Security incident' });
      await fill(page, {
        'Incident or exercise ID': 'EGI-20250301',
        'Site name': '中国科学院高能物理研究所-BEIJING-LCG2',
        'Reported by': 'Ελένη Παπαδοπούλου',
        'Reply to': 'security@ihep.example.cn',
        'What was seen': 'DNS queries for evil.example from wn17',
        'First seen': '2025-03-02 01:05',
        'Time zone': 'Asia/Shanghai (UTC+8)',
        'Worker node': 'wn17.ihep.example.cn',
        'Local account': 'cmsplt01',
        'Process ID': '5522',
        'Pilot certificate DN': '/DC=org/DC=incommon/C=US/CN=cmspilot.example.org',
        'Glidein startd name': 'glidein_40817_123456789@wn17.ihep.example.cn',
        'Payload job ID': '1234567.0',
        'Payload submit host': 'vocms0250.cern.ch',
        'Glidein directory': '/scratch/slurm-9182736/glide_aB3xYz',
        'Glidein startd PID': '40817',
      });
      await page.getByRole('group', { name: 'Actions so far' }).getByLabel('nothing killed or deleted').check();
      const cmds = await commandTexts(page);
      for (const want of [
        "cd '/scratch/slurm-9182736/glide_aB3xYz' && sudo -u 'cmsplt01' ./main/condor/bin/condor_who -pid '40817' -ospool",
        "sacct -j '9182736' --format=JobID,User,NodeList,Submit,Start,End,State",
        "grep -hF -- '9182736' /var/log/arc/arex-jobs.log*",
        "gm-jobs -f '/DC=org/DC=incommon/C=US/CN=cmspilot.example.org'",
      ]) assert(cmds.includes(want), `command ${want}`);
      assert(!cmds.some((c) => c.includes('condor-ce')), 'no HTCondor-CE step on an ARC site');
      const copy = page.getByRole('button', { name: 'Copy: Batch job, startd name and every payload of the glidein, run as the pilot account from the glidein directory.' });
      await copy.click();
      await copy.getByText('Copied').waitFor();
      assert((await clipboard(page)).startsWith("cd '/scratch/slurm-9182736/glide_aB3xYz' && sudo"), 'condor_who copied');
      const text = await page.getByLabel('Trace request to the VO (text)').textContent();
      assert(text.includes('Subject: TLP:AMBER Security incident [EGI-20250301]'), text.slice(0, 100));
      for (const v of ['glidein_40817_123456789@wn17.ihep.example.cn', '1234567.0', 'vocms0250.cern.ch', '9182736', 'arc01.example.org', '中国科学院高能物理研究所-BEIJING-LCG2', 'Ελένη Παπαδοπούλου'])
        assert(text.includes(v), `${v} in the request`);
      assert(!text.includes('Not known yet'), 'nothing required missing');
      assert(!text.includes('/scratch/slurm-9182736/glide_aB3xYz'), 'the glidein directory (site only) is not sent');
      await axe(page, 'trace (site, glidein)');
      await shots(page, 'trace-site-glidein', ARTIFACTS);
    });
  });

  test('trace: the VO imports the request file and sees its steps filled; a pasted e-mail reads the same', async (server) => {
    await fresh(server, async (page, _log, context) => {
      await recordCopies(context, page, server.url);
      await page.goto(`${server.url}#/trace/vo`);
      await page.getByRole('heading', { level: 1, name: "Trace a job: the VO's side" }).waitFor();
      const buffer = readFileSync(join(ARTIFACTS, 'trace-request-dirac.json'));
      await page.getByLabel('Trace request file from the site (JSON, at most 1 MiB)').setInputFiles({ name: 'request.json', mimeType: 'application/json', buffer });
      await page.getByText(/values of the request read/).waitFor();
      assert(await page.getByLabel('Worker node', { exact: true }).inputValue() === 'wn042.site.example.org', 'request values shown');
      const cmds = await commandTexts(page);
      assert(cmds.includes("dirac-admin-get-pilot-info -e 'htcondorce://ce13.pic.es/19126986.5'"), 'the pilot lookup, with the derived reference');
      assert(cmds.includes("dirac-admin-get-job-pilots '987654321'"), 'the job lookup');
      assert(cmds.includes('dirac-wms-select-jobs --Owner=⟨missing: Owner user name⟩ --Date=⟨missing: Search jobs from⟩ --Maximum=0'), 'the owner lookup waits for the owner');
      await fill(page, { 'Owner user name': 'jdoe', 'Search jobs from': '2025-02-15' });
      assert((await commandTexts(page)).includes("dirac-wms-select-jobs --Owner='jdoe' --Date='2025-02-15' --Maximum=0"), 'owner lookup filled');
      await fill(page, {
        'From VO security': 'lhcb-security@cern.ch',
        'Owner identity': 'CN=Jane Doe, lhcb_user',
        "Owner's jobs": '987654321 LCG.PIC.es 02:40-03:20 UTC',
        'Owner suspended at': '2025-03-01 05:10 UTC',
      });
      const toSite = await page.getByLabel('Reply to the site (text)').textContent();
      const toCsirt = await page.getByLabel('Reply to the CSIRT (text)').textContent();
      assert(toSite.startsWith('Subject: TLP:AMBER Re: EXERCISE (security challenge) [2025-03-01_001_EXERCISE]'), toSite.slice(0, 100));
      assert(toSite.includes('Owner suspended at: 2025-03-01 05:10 UTC') && !toSite.includes('Jane Doe'), 'the site gets the suspension, not the owner');
      assert(toCsirt.includes('CN=Jane Doe, lhcb_user'), 'the CSIRT gets the owner');
      await axe(page, 'trace (VO)');
      await shots(page, 'trace-vo', ARTIFACTS);

      // The same request pasted as an e-mail (quoted by the mail client) gives the same values.
      await page.getByRole('button', { name: 'Start a new case' }).click();
      await page.getByRole('button', { name: 'Clear the case' }).click();
      assert(await page.getByLabel('Worker node', { exact: true }).inputValue() === '', 'cleared');
      const mail = readFileSync(join(ARTIFACTS, 'trace-request-dirac.txt'), 'utf8').split('\n').map((l) => `> ${l}`).join('\n');
      await page.getByLabel("Or paste the site's e-mail").fill(mail);
      await page.getByRole('button', { name: 'Read the e-mail' }).click();
      await page.getByText(/values of the request read/).waitFor();
      assert(await page.getByLabel('Batch job ID', { exact: true }).inputValue() === '4711.0', 'e-mail read');
      assert(await page.getByLabel('Log extracts').inputValue() === DIRAC_TYPED['Log extracts'], 'multi-line value read');
      assert((await commandTexts(page)).includes("dirac-admin-get-pilot-info -e 'htcondorce://ce13.pic.es/19126986.5'"), 'steps filled from the e-mail');
    });
  });
}
