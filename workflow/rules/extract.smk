# Stage 2: spec + normalised text -> per-paper outcomes, cohorts and discrepancies, then the
# review-wide tables; plus the candidate finder for writing new specs (litmeta.jobs.extract).
from litmeta.jobs import extract as extract_jobs


rule extract:
    input:
        digest("extract"),
        text="extracted/text/{paper_id}.txt",
        spec=spec_file,
    output:
        outcomes="extracted/{paper_id}.csv",
        cohorts="extracted/cohorts/{paper_id}.csv",
        discrepancies="extracted/discrepancies/{paper_id}.csv",
    log:
        "logs/extract/{paper_id}.log",
    params:
        source=paper_file,
    run:
        with job_log(log, rule):
            extract_jobs.extract(**input, **output, **params)


rule combine:
    input:
        DIGESTS["papers"],
        outcome_files=expand("extracted/{paper_id}.csv", paper_id=PAPER_IDS),
        cohort_files=expand("extracted/cohorts/{paper_id}.csv", paper_id=PAPER_IDS),
        discrepancy_files=expand(
            "extracted/discrepancies/{paper_id}.csv", paper_id=PAPER_IDS
        ),
    output:
        outcomes="extracted/outcomes.csv",
        cohorts="extracted/cohorts.csv",
        discrepancies="extracted/discrepancies.csv",
        coverage="extracted/coverage.csv",
    log:
        "logs/combine.log",
    run:
        with job_log(log, rule):
            extract_jobs.combine(**input, **output)


# The characteristics of included cohorts (PROTOCOL.md Amendment 2), from the specs'
# `characteristics` blocks, each with its quote and line or "not reported".
rule characteristics:
    input:
        config_digest("characteristics", "papers_dir"),
        specs=expand(f"{config['specs_dir']}/{{paper_id}}.yaml", paper_id=PAPER_IDS),
        texts=expand("extracted/text/{paper_id}.txt", paper_id=PAPER_IDS),
        # the papers' own characters: a quote that differs is marked normalised
        papers=[f"{config['papers_dir']}/{PAPERS[p].file}" for p in PAPER_IDS],
        sheet=config["papers_sheet"],
    output:
        table="results/characteristics.csv",
    log:
        "logs/characteristics.log",
    run:
        with job_log(log, rule):
            extract_jobs.characteristics(**input, **output, **params)


rule candidates:
    input:
        text="extracted/text/{paper_id}.txt",
    output:
        candidates="extracted/candidates/{paper_id}.csv",
    log:
        "logs/candidates/{paper_id}.log",
    params:
        paper_id="{paper_id}",
    run:
        with job_log(log, rule):
            extract_jobs.candidates(**input, **output, **params)


# The measured figures of extracted/README.md: the draft-spec evaluation of every paper is
# heavy, so the job runs in its own process (`litmeta extracted-readme`), not in Snakemake's.
rule extracted_readme:
    input:
        # after the extraction: a spec's error is reported by its paper's extract job, which
        # names the paper file, whichever job the scheduler would have started first
        outcomes="extracted/outcomes.csv",
        template="workflow/report/extracted_README.template.md",
        texts=expand("extracted/text/{paper_id}.txt", paper_id=PAPER_IDS),
        specs=expand(f"{config['specs_dir']}/{{paper_id}}.yaml", paper_id=PAPER_IDS),
        pdf_checks=expand("extracted/pdf_check/{paper_id}.csv", paper_id=PDF_CHECK_IDS),
        abstracts="benchmarks/draft_set/abstracts.yaml",
        # the drafter's measures on those abstracts, recorded by `litmeta draft-measure`:
        # they measure the drafter, not the review, so a cold run reads them (measured here
        # only when the abstracts file is not the one they were recorded on)
        measures="benchmarks/draft_set/measures.json",
    output:
        readme="extracted/README.md",
        evaluation="extracted/candidates/evaluation.csv",
        draft_evaluation="extracted/candidates/draft_evaluation.csv",
    log:
        "logs/extracted_readme.log",
    conda:
        "../../envs/extract.yaml"
    params:
        texts=lambda wildcards, input: options("--text", input.texts),
        specs=lambda wildcards, input: options("--spec", input.specs),
        pdf_checks=lambda wildcards, input: options("--pdf-check", input.pdf_checks),
    shell:
        "litmeta extracted-readme --template {input.template:q} {params.texts} {params.specs}"
        " {params.pdf_checks} --readme {output.readme:q} --evaluation {output.evaluation:q}"
        " --draft-evaluation {output.draft_evaluation:q} --abstracts {input.abstracts:q}"
        " --measures {input.measures:q}"
        " 2> >(tee {log:q} >&2)"


# The PDF route checked on .txt papers (config pdf_check_papers) typeset as journal PDFs in
# four layouts: the sentences and table rows read back whole and in order (extracted/README.md).
rule pdf_check:
    input:
        text="extracted/text/{paper_id}.txt",
    output:
        check="extracted/pdf_check/{paper_id}.csv",
    log:
        "logs/pdf_check/{paper_id}.log",
    wildcard_constraints:
        paper_id=one_of(PDF_CHECK_IDS),
    params:
        paper_id="{paper_id}",
    run:
        with job_log(log, rule):
            extract_jobs.pdf_check(**input, **output, **params)
