"""Background prose of the synthetic papers: sentence banks, composed sentences, references,
author names. Shared by every style."""

from __future__ import annotations

import random


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SURNAMES = _words(
    """
    abbasi ahmed andersen baudin becker berg bodei brabander castro chen costa dekker desai
    duarte eriksson ezziddin fischer garcia hamidi hansen hofland ilan jansen kaya kim
    kowalski kwekkeboom larsen lee lopez marini martin meyer moreau mueller nakamura nilsson
    novak oliveira ortega park patel pereira petrov quinn ramos rossi santos schmidt silva
    sorbye strosberg tanaka teunissen vogel wagner wang weber yilmaz zhang
    """
)
INITIALS = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "P", "R", "S")
NUMBER_WORDS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)

# ------------------------------------------------------------------------------- filler prose
INTRO = (
    "Neuroendocrine neoplasms are a heterogeneous group of tumours that arise from cells of "
    "the diffuse endocrine system and most often originate in the gastrointestinal tract or "
    "the pancreas.",
    "Their incidence has risen steadily over the last four decades, largely because imaging "
    "and endoscopy detect them more often at an early stage.",
    "Most well-differentiated tumours express somatostatin receptors, which makes them a "
    "target for both imaging and therapy with radiolabelled somatostatin analogues.",
    "Somatostatin analogues control hormonal symptoms and prolong the time to progression, "
    "but they rarely shrink the tumour.",
    "Everolimus and sunitinib are approved for advanced pancreatic tumours, and everolimus "
    "also for tumours of lung and gastrointestinal origin.",
    "Peptide receptor radionuclide therapy delivers beta radiation to tumour cells that "
    "internalise the radiolabelled peptide.",
    "The randomised NETTER-1 trial established the benefit of this treatment over high-dose "
    "octreotide in progressive midgut tumours.",
    "Outside clinical trials, patients are older, more heavily pretreated and often have "
    "tumours of non-midgut origin.",
    "Real-world series are therefore needed to confirm that the results of the trials hold "
    "in routine practice.",
    "The optimal sequence of systemic treatments for advanced disease has not been "
    "established in prospective studies.",
    "Haematological toxicity is usually mild and transient, whereas late myeloid neoplasms "
    "are rare but serious events.",
    "Renal function is protected with an infusion of positively charged amino acids during "
    "each administration.",
)
METHODS = (
    "This retrospective study was approved by the institutional review board, which waived "
    "the need for informed consent for the use of anonymised data.",
    "Eligible patients had a histologically confirmed, well-differentiated tumour with "
    "uptake on somatostatin receptor imaging at least equal to that of the normal liver.",
    "Adequate bone marrow and renal function were required: haemoglobin ≥ 5.5 mmol/L, "
    "platelets ≥ 75 × 10⁹/L and an estimated glomerular filtration rate ≥ 50 mL/min.",
    "Each cycle of 7.4 GBq was given over 30 minutes with an amino acid infusion of "
    "2.5% lysine and 2.5% arginine in 1 L of saline started 30 minutes before.",
    "Cycles were given every 8 to 10 weeks, up to four cycles or a cumulative activity of "
    "29.6 GBq.",
    "Long-acting somatostatin analogues were withheld for at least 4 weeks before each "
    "cycle and resumed after the administration.",
    "Imaging with computed tomography or magnetic resonance imaging was performed at "
    "baseline and every 3 to 6 months thereafter.",
    "Laboratory tests, including complete blood counts and renal and liver function, were "
    "done before each cycle and at each follow-up visit.",
    "Adverse events were graded according to the Common Terminology Criteria for Adverse "
    "Events, version 5.0.",
    "Survival was estimated with the Kaplan–Meier method and compared with the log-rank "
    "test; a two-sided p value below 0.05 was considered significant.",
    "Hazard ratios were estimated with Cox proportional hazards models, with the change in "
    "chromogranin A expressed as Δ = −1.2 log units per halving.",
    "Statistical analyses were performed with R version 4.3 and the survival package.",
)
DISCUSSION = (
    "Our results are consistent with those of earlier retrospective series and of the "
    "randomised trial.",
    "The proportion of patients with an objective response is in the range reported by "
    "other centres, although response criteria and timing of assessment differ.",
    "Toxicity was manageable and in line with the known safety profile of the treatment.",
    "Haematological toxicity was mostly transient and did not lead to treatment "
    "discontinuation in most patients.",
    "The retrospective design, the single-centre setting and the heterogeneity of the "
    "population are the main limitations of this study.",
    "Imaging intervals were not fixed, which may have delayed the detection of progression "
    "in some patients.",
    "Prospective studies comparing treatment sequences are needed to define the place of "
    "this therapy in the course of the disease.",
    "Patient selection on the basis of somatostatin receptor imaging remains essential.",
    "Dosimetry-based activity adjustment could further improve the balance between efficacy "
    "and toxicity.",
    "Longer follow-up is needed to assess the risk of late haematological and renal toxicity.",
)


TOPICS = (
    "somatostatin receptor expression",
    "the chromogranin A level",
    "the Ki-67 index",
    "FDG avidity",
    "the hepatic tumour burden",
    "the presence of bone metastases",
    "prior chemotherapy",
    "prior treatment with everolimus",
    "the neutrophil-to-lymphocyte ratio",
    "the baseline albumin level",
    "the site of the primary tumour",
    "the tumour grade",
    "the number of previous treatment lines",
    "carcinoid heart disease",
    "the baseline renal function",
    "an age above 70 years",
    "the Krenning score",
    "extrahepatic disease",
    "the alkaline phosphatase level",
    "a functioning tumour",
)
OUTCOMES = (
    "time to progression",
    "overall outcome",
    "symptom control",
    "haematological recovery",
    "quality of life",
    "the risk of early progression",
    "long-term disease control",
)
GROUPS = ("pancreatic", "small-intestinal", "grade 2", "FDG-positive", "heavily pretreated")
COMPOSED = (
    "{Topic} was associated with {outcome} in univariable analysis (HR {hr}, 95% CI "
    "{lo}–{hi}; p = {p}).",
    "In {k} patients with data on {topic}, no association with {outcome} was found (p = {p}).",
    "Earlier series reported that {topic} predicts {outcome} after radionuclide therapy {ref}.",
    "{Author} et al. described {k} patients in whom {topic} influenced {outcome} {ref}.",
    "The role of {topic} in selecting patients for treatment remains debated {ref}.",
    "A threshold for {topic} has been proposed, but it has not been validated prospectively {ref}.",
    "The median time to next treatment in the {group} subgroup was {x} months versus {y} "
    "months in the other patients (log-rank p = {p}).",
    "After adjustment for {topic}, {topic2} remained associated with {outcome} (HR {hr}; p = {p}).",
    "{Topic} did not differ between patients with and without {outcome} ({x} vs. {y}; p = {p}).",
    "Whether {topic} should guide the number of cycles is unknown {ref}.",
)
JOURNALS = (
    "J Nucl Med",
    "Eur J Nucl Med Mol Imaging",
    "Lancet Oncol",
    "N Engl J Med",
    "J Clin Oncol",
    "Endocr Relat Cancer",
    "Neuroendocrinology",
    "Clin Nucl Med",
    "Cancers (Basel)",
    "Front Oncol",
)
TITLE_WORDS = (
    "peptide receptor radionuclide therapy",
    "neuroendocrine tumours",
    "177Lu-DOTATATE",
    "long-term outcome",
    "toxicity",
    "survival",
    "somatostatin analogues",
    "gastroenteropancreatic",
    "retreatment",
    "a multicentre study",
    "prognostic factors",
    "dosimetry",
)


def composed(rng: random.Random, ref_style: str) -> str:
    topic, topic2 = rng.sample(TOPICS, 2)
    a = rng.randint(1, 40)
    x = round(rng.uniform(6, 40), 1)
    lo = round(rng.uniform(0.3, 1.2), 2)
    fields = {
        "topic": topic,
        "Topic": topic[0].upper() + topic[1:],
        "topic2": topic2,
        "outcome": rng.choice(OUTCOMES),
        "group": rng.choice(GROUPS),
        "Author": rng.choice(SURNAMES).capitalize(),
        "k": rng.randint(12, 400),
        "hr": f"{lo + rng.uniform(0.05, 0.5):.2f}",
        "lo": f"{lo:.2f}",
        "hi": f"{lo + rng.uniform(0.6, 3):.2f}",
        "p": f"{rng.uniform(0.001, 0.9):.3f}",
        "x": x,
        "y": round(x * rng.uniform(0.4, 1.6), 1),
        "ref": ref_style.format(a=a, b=a + rng.randint(1, 5)),
    }
    return rng.choice(COMPOSED).format(**fields)


def reference(rng: random.Random) -> str:
    authors = ", ".join(
        f"{rng.choice(SURNAMES).capitalize()} {rng.choice(INITIALS)}{rng.choice(INITIALS)}"
        for _ in range(rng.randint(1, 4))
    )
    words = rng.sample(TITLE_WORDS, 3)
    title = f"{words[0][0].upper() + words[0][1:]} and {words[1]} in {words[2]}"
    year = rng.randint(1995, 2025)
    first = rng.randint(1, 3000)
    return (
        f"{authors}, et al. {title}. {rng.choice(JOURNALS)}. {year};{rng.randint(1, 120)}"
        f"({rng.randint(1, 12)}):{first}–{first + rng.randint(5, 15)}."
    )
