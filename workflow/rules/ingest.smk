# Stage 1: each paper (.txt or .pdf) -> extracted/text/<paper_id>.txt, normalised text. A .txt
# keeps its line numbers (line N = line N of the paper); a .pdf is read in reading order and
# gets a layout sidecar, extracted/text/<paper_id>.layout.csv (page, column and box of every
# line). In-process (run:), one light job per paper: litmeta.jobs.ingest.
from litmeta.jobs import ingest as ingest_jobs


rule ingest:
    input:
        digest("ingest"),
        paper=paper_file,
    output:
        text="extracted/text/{paper_id}.txt",
    log:
        "logs/ingest/{paper_id}.log",
    wildcard_constraints:
        paper_id=one_of(TXT_IDS),
    params:
        max_bytes=config["pdf_limits"]["max_bytes"],
        max_pages=config["pdf_limits"]["max_pages"],
        max_seconds=config["pdf_limits"].get("max_seconds", 120),
        max_memory_mb=config["pdf_limits"].get("max_memory_mb", 2048),
        max_stream_mb=config["pdf_limits"].get("max_stream_mb", 256),
        max_txt_bytes=max_txt_bytes(),
    run:
        with job_log(log, rule):
            ingest_jobs.ingest(**input, **output, **params)


rule ingest_pdf:
    input:
        digest("ingest"),
        paper=paper_file,
    output:
        text="extracted/text/{paper_id}.txt",
        layout="extracted/text/{paper_id}.layout.csv",
    log:
        "logs/ingest/{paper_id}.log",
    wildcard_constraints:
        paper_id=one_of(PDF_IDS),
    params:
        max_bytes=config["pdf_limits"]["max_bytes"],
        max_pages=config["pdf_limits"]["max_pages"],
        max_seconds=config["pdf_limits"].get("max_seconds", 120),
        max_memory_mb=config["pdf_limits"].get("max_memory_mb", 2048),
        max_stream_mb=config["pdf_limits"].get("max_stream_mb", 256),
    run:
        with job_log(log, rule):
            ingest_jobs.ingest_pdf(**input, **output, **params)
