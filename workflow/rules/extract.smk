# Stage 2: spec + normalised text -> per-paper outcomes, cohorts and discrepancies, then the
# review-wide tables; plus the candidate finder for writing new specs.


rule extract:
    input:
        text="extracted/text/{paper_id}.txt",
        spec=spec_file,
        digest=digest("extract"),
    output:
        outcomes="extracted/{paper_id}.csv",
        cohorts="extracted/cohorts/{paper_id}.csv",
        discrepancies="extracted/discrepancies/{paper_id}.csv",
    log:
        "logs/extract/{paper_id}.log",
    params:
        source=paper_file,
    run:
        with step_log(log, rule):
            steps.extract(input.spec, input.text, params.source, *output)


rule combine:
    input:
        outcomes=expand("extracted/{paper_id}.csv", paper_id=PAPER_IDS),
        cohorts=expand("extracted/cohorts/{paper_id}.csv", paper_id=PAPER_IDS),
        discrepancies=expand(
            "extracted/discrepancies/{paper_id}.csv", paper_id=PAPER_IDS
        ),
        papers=DIGESTS["papers"],
    output:
        "extracted/outcomes.csv",
        "extracted/cohorts.csv",
        "extracted/discrepancies.csv",
        "extracted/coverage.csv",
    log:
        "logs/combine.log",
    run:
        from litmeta.extract.combine import combine

        with step_log(log, rule):
            combine(input.outcomes, input.cohorts, input.discrepancies, "extracted")


rule candidates:
    input:
        "extracted/text/{paper_id}.txt",
    output:
        "extracted/candidates/{paper_id}.csv",
    log:
        "logs/candidates/{paper_id}.log",
    run:
        with step_log(log, rule):
            steps.candidates(wildcards.paper_id, input[0], output[0])


rule extracted_readme:
    input:
        template="workflow/report/extracted_README.template.md",
        texts=expand("extracted/text/{paper_id}.txt", paper_id=PAPER_IDS),
        specs=expand(f"{config['specs_dir']}/{{paper_id}}.yaml", paper_id=PAPER_IDS),
        pdf_checks=expand("extracted/pdf_check/{paper_id}.csv", paper_id=TXT_IDS),
    output:
        readme="extracted/README.md",
        evaluation="extracted/candidates/evaluation.csv",
        draft_evaluation="extracted/candidates/draft_evaluation.csv",
    log:
        "logs/extracted_readme.log",
    run:
        with step_log(log, rule):
            steps.extracted_readme_rule(input, output)


# The PDF route checked on each .txt paper typeset as journal PDFs in four layouts: the
# sentences and table rows read back whole and in order (table in extracted/README.md).
rule pdf_check:
    input:
        "extracted/text/{paper_id}.txt",
    output:
        "extracted/pdf_check/{paper_id}.csv",
    log:
        "logs/pdf_check/{paper_id}.log",
    wildcard_constraints:
        paper_id=one_of(TXT_IDS),
    run:
        with step_log(log, rule):
            steps.pdf_check(wildcards.paper_id, input[0], output[0])
