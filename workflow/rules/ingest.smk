# Stage 1: each paper (.txt or .pdf) -> extracted/text/<paper_id>.txt, normalised text whose
# line N is line N of the paper. In-process (run:), one light job per paper.
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
    params:
        max_bytes=config["pdf_limits"]["max_bytes"],
        max_pages=config["pdf_limits"]["max_pages"],
        max_txt_bytes=max_txt_bytes(),
    run:
        with step_log(log, rule):
            steps.ingest(
                input[0],
                output[0],
                params.max_bytes,
                params.max_pages,
                params.max_txt_bytes,
            )
