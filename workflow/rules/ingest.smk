# Stage 1: each paper (.txt or .pdf) -> extracted/text/<paper_id>.txt, normalised text. A .txt
# keeps its line numbers (line N = line N of the paper); a .pdf is read in reading order and
# gets a layout sidecar, extracted/text/<paper_id>.layout.csv (page, column and box of every
# line). In-process (run:), one light job per paper.
from litmeta import steps
from litmeta.steps import step_log


rule ingest:
    input:
        paper_file,
        digest("ingest"),
    output:
        "extracted/text/{paper_id}.txt",
    log:
        "logs/ingest/{paper_id}.log",
    wildcard_constraints:
        paper_id=one_of(TXT_IDS),
    params:
        max_bytes=config["pdf_limits"]["max_bytes"],
        max_pages=config["pdf_limits"]["max_pages"],
        max_seconds=config["pdf_limits"].get("max_seconds", 120),
        max_txt_bytes=max_txt_bytes(),
    run:
        with step_log(log, rule):
            steps.ingest(
                input[0],
                output[0],
                params.max_bytes,
                params.max_pages,
                params.max_txt_bytes,
                params.max_seconds,
            )


rule ingest_pdf:
    input:
        paper_file,
        digest("ingest"),
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
    run:
        with step_log(log, rule):
            steps.ingest_pdf(
                input[0],
                output.text,
                output.layout,
                params.max_bytes,
                params.max_pages,
                params.max_seconds,
            )
