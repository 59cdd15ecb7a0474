//! Recognising the framework, CE and batch system from pasted environments. The dumps are
//! real-shaped: the framework variables are the ones named in challenge.md §4 (sources S-30..36,
//! C-25..C-37); the surrounding HTCondor, Slurm and shell variables are what such processes
//! usually carry (general knowledge, marked [I] in challenge.md). Values are invented.

use ti_core::trace::model::Values;
use ti_core::trace::recognise::{DumpError, MAX_DUMP, apply, parse_dump, recognise};

use super::trace_support::catalog;

fn nul(vars: &[&str]) -> String {
    let mut s = vars.join("\0");
    s.push('\0');
    s
}

fn dirac_htcondor_ce() -> String {
    nul(&[
        "PATH=/usr/local/bin:/usr/bin:/bin",
        "HOME=/home/lhcbplt07",
        "USER=lhcbplt07",
        "PWD=/pool/condor/dir_4711/DIRAC_aB3xYzpilot",
        "_CONDOR_SCRATCH_DIR=/pool/condor/dir_4711",
        "_CONDOR_JOB_AD=/pool/condor/dir_4711/.job.ad",
        "_CONDOR_MACHINE_AD=/pool/condor/dir_4711/.machine.ad",
        "BATCH_SYSTEM=HTCondor",
        "CONDORCE_COLLECTOR_HOST=ce13.pic.es:9619",
        "HTCONDOR_JOBID=19126986.5",
        "DIRAC_PILOT_STAMP=f3e9a1c07b2d4e55",
        "X509_USER_PROXY=/pool/condor/dir_4711/x509up_u40107",
        "DIRACSITE=LCG.PIC.es",
        "DIRACJOBID=987654321",
        "DIRAC_PROCESSORS=8",
        "DIRAC_WHOLENODE=False",
        "LANG=en_US.UTF-8",
    ])
}

fn dirac_arc_slurm() -> String {
    [
        "SLURM_JOB_ID=9182736",
        "SLURM_JOBID=9182736",
        "SLURM_JOB_USER=dteam042",
        "SLURM_JOB_NODELIST=wn042",
        "SLURM_CLUSTER_NAME=grid",
        "GRID_GLOBAL_JOBID=gsiftp://arc01.example.org:2811/jobs/Xy7bQ9",
        "GRID_GLOBAL_JOBURL=https://arc01.example.org:443/arex/Xy7bQ9",
        "GRID_GLOBAL_JOBINTERFACE=org.ogf.glue.emies.activitycreation",
        "GRID_GLOBAL_JOBHOST=arc01.example.org",
        "DIRAC_PILOT_STAMP=00c0ffee11223344",
        "HOME=/home/dteam042",
        "TMPDIR=/tmp/slurm-9182736",
    ]
    .join("\r\n")
}

fn panda_harvester() -> String {
    [
        "PANDAID=6512345678",
        "PanDA_TaskID=41234567",
        "PILOT_HOME=/scratch/condor/dir_777/PanDA_Pilot3_31337_1740797220",
        "GTAG=https://aipanda157.cern.ch/condor_logs/25-03-01_02/grid.4711.0.out",
        "PANDA_JSID=harvester-CERN_central_A",
        "HARVESTER_ID=CERN_central_A",
        "HARVESTER_WORKER_ID=123456789",
        "APFCID=4711.0",
        "HTCondor_Job_ID=wn042.site.example.org_0_6512345678",
        "_CONDOR_JOB_AD=/scratch/condor/dir_777/.job.ad",
        "X509_USER_PROXY=/scratch/condor/dir_777/x509up",
    ]
    .join("\n")
}

fn glidein_payload() -> String {
    nul(&[
        "_CONDOR_SCRATCH_DIR=/scratch/condor/execute/dir_40817/glide_aB3xYz/execute/dir_5521",
        "_CONDOR_JOB_AD=/scratch/condor/execute/dir_40817/glide_aB3xYz/execute/dir_5521/.job.ad",
        "_CONDOR_MACHINE_AD=/scratch/condor/execute/dir_40817/glide_aB3xYz/execute/dir_5521/.machine.ad",
        "_CONDOR_JOB_IWD=/scratch/condor/execute/dir_40817/glide_aB3xYz/execute/dir_5521",
        "BATCH_SYSTEM=HTCondor",
        "OMP_NUM_THREADS=1",
        "HOME=/home/cmsplt01",
        "X509_USER_PROXY=/scratch/condor/execute/dir_40817/glide_aB3xYz/execute/dir_5521/x509up",
    ])
}

fn jalien_bash() -> String {
    [
        "declare -x ALIEN_JOBAGENT_ID=\"1739912345_7781\"",
        "declare -x ALIEN_PROC_ID=\"3012345678\"",
        "declare -x JALIEN_TOKEN_CERT=\"-----BEGIN CERTIFICATE-----",
        "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
        "-----END CERTIFICATE-----\"",
        "declare -x JALIEN_TOKEN_KEY=\"-----BEGIN PRIVATE KEY-----",
        "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo",
        "-----END PRIVATE KEY-----\"",
        "declare -x HOME=\"/home/aliprod\"",
        "declare -x TMPDIR=\"/tmp/alien-3012345678\"",
    ]
    .join("\n")
}

/// (name, dump, framework, CE, batch chosen, captured field=value pairs, sensitive variables)
type Case = (
    &'static str,
    String,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Vec<(&'static str, &'static str)>,
    Vec<&'static str>,
);

fn cases() -> Vec<Case> {
    vec![
        (
            "DIRAC pilot on HTCondor-CE, HTCondor batch (/proc/<pid>/environ, NUL-separated)",
            dirac_htcondor_ce(),
            Some("dirac"),
            Some("htcondor-ce"),
            Some("htcondor"),
            vec![
                ("dirac_pilot_stamp", "f3e9a1c07b2d4e55"),
                ("dirac_job_id", "987654321"),
                ("dirac_site", "LCG.PIC.es"),
                ("ce_job_id", "19126986.5"),
            ],
            vec![],
        ),
        (
            "DIRAC pilot on ARC, Slurm batch (CRLF lines)",
            dirac_arc_slurm(),
            Some("dirac"),
            Some("arc-ce"),
            Some("slurm"),
            vec![
                ("dirac_pilot_stamp", "00c0ffee11223344"),
                ("ce_job_id", "gsiftp://arc01.example.org:2811/jobs/Xy7bQ9"),
                ("ce_job_url", "https://arc01.example.org:443/arex/Xy7bQ9"),
                ("ce_host", "arc01.example.org"),
                ("batch_job_id", "9182736"),
            ],
            vec![],
        ),
        (
            "PanDA pilot 3 from Harvester (tr '\\0' '\\n' output)",
            panda_harvester(),
            Some("panda"),
            None,
            None,
            vec![
                ("panda_id", "6512345678"),
                ("panda_gtag", "https://aipanda157.cern.ch/condor_logs/25-03-01_02/grid.4711.0.out"),
                ("harvester_id", "CERN_central_A"),
                ("harvester_worker_id", "123456789"),
            ],
            vec![],
        ),
        (
            "glideinWMS payload inside a glidein (NUL-separated)",
            glidein_payload(),
            Some("glideinwms"),
            None,
            Some("htcondor"),
            vec![(
                "payload_job_ad",
                "/scratch/condor/execute/dir_40817/glide_aB3xYz/execute/dir_5521/.job.ad",
            )],
            vec![],
        ),
        (
            "JAliEn job agent (bash declare -x, certificate values over several lines)",
            jalien_bash(),
            Some("jalien"),
            None,
            None,
            vec![("alien_jobagent_id", "1739912345_7781"), ("jalien_queue_id", "3012345678")],
            vec!["JALIEN_TOKEN_CERT", "JALIEN_TOKEN_KEY"],
        ),
        (
            "names only, spaces",
            "DIRAC_PILOT_STAMP DIRACJOBID".into(),
            Some("dirac"),
            None,
            None,
            vec![],
            vec![],
        ),
        (
            "names only, commas and lines",
            "GTAG,\nPANDA_JSID\nHARVESTER_WORKER_ID".into(),
            Some("panda"),
            None,
            None,
            vec![],
            vec![],
        ),
        (
            "glidein names only: one hint is not enough",
            "_CONDOR_JOB_AD".into(),
            None,
            None,
            None,
            vec![],
            vec![],
        ),
        (
            "glidein names with GLIDEIN_*",
            "_CONDOR_JOB_AD GLIDEIN_Site GLIDEIN_SiteWMS_JobId".into(),
            Some("glideinwms"),
            None,
            None,
            vec![],
            vec![],
        ),
        ("a tie chooses nothing", "PANDAID=1\nDIRACJOBID=2".into(), None, None, None, vec![], vec![]),
        ("nothing of interest", "PATH=/bin\nHOME=/root\nLANG=C".into(), None, None, None, vec![], vec![]),
        ("empty paste", String::new(), None, None, None, vec![], vec![]),
        (
            "export lines",
            "export SLURM_JOB_ID=55\nexport PBS_JOBID=77.pbs01".into(),
            None,
            None,
            None,
            vec![],
            vec![],
        ),
    ]
}

#[test]
fn dumps_are_recognised() {
    let cat = catalog();
    for (name, dump, fw, ce, batch, captured, sensitive) in cases() {
        let entries = parse_dump(&dump).unwrap();
        let rec = recognise(cat, &entries);
        assert_eq!(rec.framework.chosen.as_deref(), fw, "{name}: framework {:?}", rec.framework.scores);
        assert_eq!(rec.ce.chosen.as_deref(), ce, "{name}: CE {:?}", rec.ce.scores);
        assert_eq!(rec.batch.chosen.as_deref(), batch, "{name}: batch {:?}", rec.batch.scores);
        assert_eq!(rec.sensitive, sensitive, "{name}: sensitive");
        let mut values = Values::new();
        apply(&rec, &mut values);
        for (field, value) in &captured {
            assert_eq!(values.get(field), Some(*value), "{name}: {field}");
        }
        // No credential value reaches a field.
        for (_, v) in values.iter() {
            assert!(!v.contains("BEGIN"), "{name}: a credential was captured");
        }
    }
}

#[test]
fn evidence_names_the_variables() {
    let rec = recognise(catalog(), &parse_dump(&dirac_htcondor_ce()).unwrap());
    let top = &rec.framework.scores[0];
    assert_eq!(top.option, "dirac");
    for v in ["DIRAC_PILOT_STAMP", "DIRACJOBID", "DIRACSITE", "HTCONDOR_JOBID"] {
        assert!(top.evidence.iter().any(|e| e == v), "{v} in {:?}", top.evidence);
    }
}

#[test]
fn values_given_are_never_overwritten_and_conflicts_fill_nothing() {
    let cat = catalog();
    let mut values = Values::new();
    values.set("framework", "panda");
    values.set("dirac_pilot_stamp", "typed-by-hand");
    let rec = recognise(cat, &parse_dump(&dirac_htcondor_ce()).unwrap());
    let applied = apply(&rec, &mut values);
    assert_eq!(values.get("framework"), Some("panda"));
    assert_eq!(values.get("dirac_pilot_stamp"), Some("typed-by-hand"));
    // The CE job ID comes from a DIRAC variable: with PanDA chosen by hand it is not used.
    assert_eq!(values.get("ce_job_id"), None);
    assert!(applied.iter().all(|a| a.field != "framework"));

    let rec = recognise(cat, &parse_dump("SLURM_JOB_ID=1\nSLURM_JOB_NAME=x\nLSB_JOBID=2").unwrap());
    let c = rec.captures.iter().find(|c| c.field == "batch_job_id").unwrap();
    assert_eq!(c.conflicts, vec![("LSB_JOBID".to_owned(), "2".to_owned())]);
    let mut values = Values::new();
    apply(&rec, &mut values);
    assert_eq!(values.get("batch_job_id"), None);
}

#[test]
fn parsing_forms() {
    let e = parse_dump("A=1\0B=x=y\0\nC=multi\nline\0").unwrap();
    let got: Vec<(&str, Option<&str>)> = e.iter().map(|e| (e.name.as_str(), e.value.as_deref())).collect();
    assert_eq!(got, vec![("A", Some("1")), ("B", Some("x=y")), ("C", Some("multi\nline"))]);
    let e = parse_dump("A=1\nnot a name line\nB=2").unwrap();
    assert_eq!(e[0].value.as_deref(), Some("1\nnot a name line"));
    let big = "A".repeat(MAX_DUMP + 1);
    assert_eq!(parse_dump(&big), Err(DumpError::TooLarge { bytes: MAX_DUMP + 1, limit: MAX_DUMP }));
}
