"""The prose subject of an indicator, made from its dashboard name ("% re-referrals to CSC
within 12 mths" -> "the percentage of re-referrals to children's social care within 12 months"),
and the noun its counts count.

The words (abbreviations, counted nouns, name endings to drop) are data: `vocabulary.yaml`
beside this module. Used by `infer` for `narrator init`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from narrator.units import Unit


@dataclass(frozen=True)
class Abbreviation:
    """One abbreviation of the vocabulary (see vocabulary.yaml for what each field does)."""

    means: str
    cite: bool = False
    plural: str | None = None
    article: str | None = None
    status: bool = False
    who: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The words subjects are made with. `nouns` maps a word in a name to the noun its counts
    count (None: the word is never what is counted)."""

    abbreviations: Mapping[str, Abbreviation]
    nouns: Mapping[str, str | None]
    drop: tuple[str, ...]
    rewrite: tuple[tuple[str, str], ...] = ()
    proper: frozenset[str] = frozenset()
    not_counted: frozenset[str] = frozenset()
    _pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Longest first, so "CPPs" wins over "CPP" and "CP"; all-lowercase ones ("mths",
        # "no.") match in any case.
        parts = []
        for key in sorted(self.abbreviations, key=lambda k: (-len(k), k)):
            body = re.escape(key)
            parts.append(f"(?i:{body})" if key == key.lower() else body)
        alternation = "|".join(parts)
        pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])")
        object.__setattr__(self, "_pattern", pattern)

    def find(self, text: str) -> list[re.Match[str]]:
        """Every abbreviation in `text`, left to right."""
        return list(self._pattern.finditer(text))

    def lookup(self, found: str) -> Abbreviation:
        """The abbreviation a match found (lowercase keys match any case)."""
        return self.abbreviations.get(found) or self.abbreviations[found.lower()]


def vocabulary_from(data: Mapping[str, Any]) -> Vocabulary:
    """A Vocabulary from the mapping vocabulary.yaml holds."""
    abbreviations: dict[str, Abbreviation] = {}
    for key, raw in (data.get("abbreviations") or {}).items():
        if isinstance(raw, str):
            abbreviations[str(key)] = Abbreviation(raw)
        else:
            abbreviations[str(key)] = Abbreviation(
                means=raw["means"],
                cite=bool(raw.get("cite", False)),
                plural=raw.get("plural"),
                article=raw.get("article"),
                status=bool(raw.get("status", False)),
                who=raw.get("who"),
            )
    nouns = {str(k): v for k, v in (data.get("nouns") or {}).items()}
    drop = tuple(str(d) for d in data.get("drop") or ())
    rewrite = tuple((str(k), str(v)) for k, v in (data.get("rewrite") or {}).items())
    proper = frozenset(str(w) for w in data.get("proper") or ())
    not_counted = frozenset(str(w).lower() for w in data.get("not_counted") or ())
    return Vocabulary(abbreviations, nouns, drop, rewrite, proper, not_counted)


@cache
def default_vocabulary() -> Vocabulary:
    """The vocabulary shipped with narrator (narrator/intake/vocabulary.yaml)."""
    from narrator.package_files import package_file
    from narrator.yamltext import load_yaml

    text = package_file("narrator.intake", "vocabulary.yaml").read_text(encoding="utf-8")
    return vocabulary_from(load_yaml(text))


# --- the subject -----------------------------------------------------------------------------

_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_KEEP_DIGIT_AFTER = re.compile(
    r"(?:stage|year|aged|age|level|tier|attainment|progress|step|q|quarter|phase|grade|grades|"
    r"ks|top|bottom|under|over|category|cat|priority|band|type|class|section|part|schedule)\s*$",
    re.I,
)
_ARTICLE_AFTER = ("with", "without", "has", "have", "having", "had")


def _spell_small_numbers(text: str) -> str:
    """Whole numbers one to nine before a word in words, as reports write them ("2 years or more"
    -> "two years or more", "2 year olds" -> "two-year-olds"); not after "Key Stage", "aged",
    "Year" and the like, where the figure is a name."""
    text = re.sub(
        r"(?<![\w.,/-])(\d+)[ -]years?[ -]olds?\b",
        lambda m: (
            (_NUMBER_WORDS[int(m.group(1)) - 1] if 1 <= int(m.group(1)) <= 9 else m.group(1))
            + "-year-olds"
        ),
        text,
    )

    def word(m: re.Match[str]) -> str:
        if _KEEP_DIGIT_AFTER.search(text[: m.start()]):
            return m.group(0)
        return _NUMBER_WORDS[int(m.group(1)) - 1]

    return re.sub(r"(?<![\w.,/£-])([1-9])(?=\s+(?:or\s+more\b|[a-z]))", word, text)


_SMALL_WORDS = frozenset({"of", "and", "or", "the", "to", "in", "for", "a"})


def _spelt_out_before(abbreviation: str, before: str) -> bool:
    """Whether the words just before `abbreviation` are what it stands for, by their initials
    ("Delayed transfers of care (DToC)", "education, employment and training (EET)")."""
    letters = "".join(c for c in abbreviation.lower() if c.isalpha())
    words = re.findall(r"[a-z]+", before.lower())
    for count in range(1, len(letters) + 3):
        tail = words[-count:]
        if len(tail) < count:
            break
        every = "".join(w[0] for w in tail)
        big = "".join(w[0] for w in tail if w not in _SMALL_WORDS)
        if letters in (every, big) and tail[0] not in _SMALL_WORDS:
            return True
    return False


def _expand(text: str, vocab: Vocabulary) -> tuple[str, list[str]]:
    """The abbreviations in `text` written out, and the ones that were."""
    out: list[str] = []
    expanded: list[str] = []
    cited: set[str] = set()
    status_first: str | None = None
    who: str | None = None
    last = 0
    for m in vocab.find(text):
        abbr = vocab.lookup(m.group(0))
        before = text[last : m.start()]
        bracketed = text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")"
        if bracketed and _spelt_out_before(m.group(0), text[: m.start() - 1]):
            # "training (EET)" after the words it stands for: already explained
            out.append(before + m.group(0))
            last = m.end()
            continue
        words_before = text[: m.start()].split()
        first = not words_before
        previous_word = words_before[-1].lower().strip("(\"'‘“") if words_before else ""
        words = abbr.means
        if abbr.plural and (first or previous_word == "of"):
            words = abbr.plural
        elif abbr.article and previous_word in _ARTICLE_AFTER:
            words = f"{abbr.article} {words}"
        inside_brackets = text[: m.start()].count("(") > text[: m.start()].count(")")
        if abbr.cite and m.group(0) not in cited and not inside_brackets:
            cited.add(m.group(0))
            words = f"{words} ({m.group(0)})"
        if abbr.status and first:
            status_first, who = words, abbr.who
            words = ""
        out.append(before + words)
        if abbr.means != m.group(0):
            expanded.append(m.group(0))
        last = m.end()
    out.append(text[last:])
    result = " ".join("".join(out).split())
    if status_first is not None:
        # "NEET young people aged 16-17" -> "young people aged 16-17 not in education, ..."
        if who and noun_of(result, vocab) is None:
            # "NEET or not known aged 16 to 17": the people the status describes
            result = f"{who} {result}"
        result = f"{result} {status_first}".strip()
    return result, expanded


_CAPITALISED = re.compile(r"(?<![\w'‘’\"“-])([A-Z][a-z]*)\b(?![-'’]?[A-Z])(?!\s+\d)")


def is_title_case(name: str) -> bool:
    """Whether a name capitalises (nearly) every word of four letters or more."""
    words = re.findall(r"[A-Za-z]{4,}", name)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _lower_first(text: str, vocab: Vocabulary, title_case: bool) -> str:
    """Ordinary capitalised words in lower case: the first word ("Care leavers"), or every one
    when the name is written in Title Case ("Children Electively Educated at Home"). Kept as
    written: abbreviations, mixed-case names ("CiC"), quoted ratings ("'Good'"), numbered
    names ("Attainment 8", "Year 6") and the vocabulary's proper words ("Ofsted", "Good")."""

    def lower(m: re.Match[str]) -> str:
        word = m.group(1)
        if word in vocab.abbreviations or word in vocab.proper:
            return word
        return word.lower()

    if title_case:
        return _CAPITALISED.sub(lower, text)
    m = _CAPITALISED.match(text)
    if m is None or len(m.group(1)) < 2:  # "A level results"
        return text
    if re.match(r"\s+[A-Z][a-z]", text[m.end() :]):
        return text  # "Care Leavers", "Child Protection": a name the dashboard capitalises
    return lower(m) + text[m.end() :]


# "Maidstone: Percentage of ...": the area (or a section) the name is prefixed with, said
# elsewhere in the report; a label ending in a figure ("KS2: ...") is a qualifier, kept
AREA_PREFIX = re.compile(r"^[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,2}(?<![0-9]):\s+(?=\S+\s+\S)")


def _tidy(name: str, vocab: Vocabulary) -> str:
    text = " ".join(name.split()).rstrip(" .;:")
    text = AREA_PREFIX.sub("", text)
    for ending in vocab.drop:
        idx = text.lower().find(ending.lower())
        if idx >= 0:
            text = (text[:idx] + text[idx + len(ending) :]).strip()
    # a name cut short ("... as a % of", "(without"): the dangling end dropped
    text = re.sub(r"\s+as an? (?:%|percentage|proportion)(?: of)?$", "", text, flags=re.I)
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].rstrip()
    # "Placement stability - % children with 3 or more placements": the part that says what
    # is measured
    if m := re.search(r"\s[-–:]\s*(?=%|the %|percentage\b|proportion\b|no\.|number\b)", text, re.I):
        text = text[m.end() :]
    # "SEND - Intial requests for EHCP refused": a section label before the name; "Key Stage 2 -
    # pupils achieving ...": a qualifier, kept
    elif (
        m := re.match(r"^((?:\S+\s+){0,2}\S+)\s+[-–:]\s+(?=\S+\s+\S+\s+\S+)", text)
    ) and not re.match(r"^(?:the\s+)?(?:%|percentage|number|no\.|rate)\b", text, re.I):
        label = m.group(1)
        text = (label + " " if label[-1].isdigit() else "") + text[m.end() :]
    return " ".join(text.split()).rstrip(" .;:")


def _body(text: str, vocab: Vocabulary, title_case: bool) -> tuple[str, list[str]]:
    for words, prose in vocab.rewrite:
        text = re.sub(rf"(?<![\w-]){re.escape(words)}(?![\w-])", prose, text, flags=re.I)
    text = re.sub(r"\baged (\d+)\s*[-–]\s*(\d+)\b", r"aged \1 to \2", text)
    # "aged 65+", "(65+)": "aged 65 and over"
    text = re.sub(r"\baged (\d+)\s*\+", r"aged \1 and over", text)
    text = re.sub(r"\((\d+)\s*\+\)", r"(aged \1 and over)", text)
    # a bare age range ("NEET 16-17"): the ages of the people counted
    text = re.sub(
        r"(?<![\w.,/-])(1?\d|2[0-5])\s*[-–]\s*(1?\d|2[0-5])\b(?!\s*(?:years?|yrs?|year-olds|%))",
        lambda m: (
            f"aged {m.group(1)} to {m.group(2)}"
            if int(m.group(1)) < int(m.group(2))
            else m.group(0)
        ),
        text,
    )
    # "2 yrs+", "2+ years": "two years or more"
    text = re.sub(r"\b(\d+)\s*(yrs?|years?|mths?|months?|weeks?|wks?)\s*\+", r"\1 \2 or more", text)
    text = re.sub(
        r"\b(\d+)\s*\+\s*(yrs?|years?|mths?|months?|weeks?|wks?)\b", r"\1 \2 or more", text
    )
    text = _lower_first(_spell_small_numbers(text), vocab, title_case)
    return _expand(text, vocab)


_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?:(?:the\s+)?(?:no\.?|number)\s+of\s+)?(.+?)\s+as an? (?:%|percentage|proportion)"
            r" of (?:the\s+)?(.+)$",
            re.I,
        ),
        "the number of {0} as a percentage of {1}",
    ),
    (
        re.compile(
            r"^(?:the\s+)?(?:%|percentage|per ?cent|proportion)(?:\s+of)?\s+(?:the\s+)?(.+)$",
            re.I,
        ),
        "the percentage of {0}",
    ),
    (
        re.compile(
            r"^(?:the\s+)?(?:total\s+)?(?:no\.?|nos\.?|number|count|total)\s+of\s+(.+)$", re.I
        ),
        "the number of {0}",
    ),
    (re.compile(r"^(?:the\s+)?rate\s+of\s+(.+)$", re.I), "the rate of {0}"),
    (re.compile(r"^(?:the\s+)?(average|mean|median)\s+(.+)$", re.I), "the {0} {1}"),
    # "YOS re-offending rate", "Attainment 8 score": the name is already a noun phrase
    (re.compile(r"^(?:the\s+)?(.+\b(?:rate|ratio|score|index|average|total))$", re.I), "the {0}"),
)

_PLURAL = re.compile(r"\b(?:\w+[^s\W]s|children|people|staff|waste|tax|rent)\b", re.I)


def _counted(phrase: str, vocab: Vocabulary) -> bool:
    """Whether "the percentage of <phrase>" is a share of things counted (or of an amount):
    it names things in the plural or an amount ("adults ...", "household waste ..."), or a
    noun the vocabulary knows, or says more of them ("... collected", "... in paid work");
    not a bare service name ("Intermediate Care")."""
    return bool(
        _PLURAL.search(phrase) or noun_of(phrase, vocab) or _HEAD_ENDS.search(f" {phrase}", 1)
    )


def subject_of(name: str, unit: Unit, vocab: Vocabulary | None = None) -> tuple[str, str]:
    """The prose subject for an indicator named `name` in `unit`, and a note saying how it was
    made (the abbreviations expanded)."""
    vocab = vocab or default_vocabulary()
    text = _tidy(name, vocab)
    title_case = is_title_case(text)
    population = ""
    if unit is Unit.RATE:
        # the figure says "per 10,000": the subject names what is counted; a population the
        # name gives after the base ("per 100,000 aged 65+", "per 1,000 females aged 15-17")
        # stays in the subject, as the base is then said there ("per 100,000 population aged
        # 65 and over"), never a bare "per 100,000" of no one
        per = re.search(r"\s*[-–(]?\s*(?:rate\s+)?per\s+([\d,]+)(k?)\b(.*)$", text, re.I)
        if per is not None:
            tail = " ".join(per.group(3).strip(" )").split())
            if re.search(r"\baged\b|\d", tail):
                base = int(per.group(1).replace(",", "")) * (1000 if per.group(2) else 1)
                tail = re.sub(r"\s*\bpopulation$", "", tail, flags=re.I)
                if re.match(r"aged\b|\d", tail, re.I):  # "per 100,000 10-17 population"
                    tail = f"population {tail}"
                population = f" per {base:,} {tail}"
            text = text[: per.start()]
        text = re.sub(r"\s+rate$", "", text, flags=re.I)
    text = re.sub(r"\s*\(£\s*'?\w*'?\)|\s*£k?$", "", text)
    # "(%)" or a trailing "%": the unit, said with the figure
    text = re.sub(r"\s*\(\s*%\s*\)|\s+%$", "", text)
    expanded: list[str] = []
    subject: str | None = None
    for pattern, form in _FORMS:
        if m := pattern.match(text):
            parts = []
            for group in m.groups():
                part, found = _body(group, vocab, title_case)
                parts.append(part)
                expanded.extend(found)
            if form.startswith("the {0} "):  # average / mean / median
                parts[0] = parts[0].lower()
                # "Average days between ...": the average number of days
                parts[1] = re.sub(
                    r"^(days|weeks|months|hours|minutes|years)\b", r"number of \1", parts[1]
                )
            elif "as a percentage of" in form and not parts[1].endswith("s"):
                parts[1] = f"the {parts[1]}"  # "of the school population", "of clients"
            if "as a percentage of" in form and noun_of(parts[0], vocab) is None:
                # "Rent collected as a % of rent due", "Current tenant arrears as a percentage
                # of the rent debit": what is measured is not a number of things
                form = "the {0} as a percentage of {1}"
            elif form == "the percentage of {0}" and not _counted(parts[0], vocab):
                # "% Intermediate Care": a service's figure, not a share of things counted
                form = "the {0} percentage"
            subject = form.format(*parts)
            break
    if subject is None:
        part, expanded = _body(text, vocab, title_case)
        if part.lower().startswith("the "):
            part = part[4:]
        form = unit.spec.subject
        if unit is Unit.PERCENTAGE and not _counted(part, vocab):
            form = "the {0} percentage"  # "Intermediate Care %"
        subject = form.format(part)
    if population:
        part, found = _body(population.strip(), vocab, title_case)
        subject += " " + part
        expanded.extend(found)
    subject = " ".join(subject.split())
    note = "made from the name"
    if expanded:
        unique = list(dict.fromkeys(expanded))
        note += "; expanded " + ", ".join(unique)
    return subject, note


# --- the counted noun, the kind of year, the comparison ---------------------------------------


_HEAD_ENDS = re.compile(
    r"\s(?:in|into|with|without|of|to|for|on|at|by|from|who|which|that|as|under|over|aged|"
    r"within|per|[a-z]+ing|[a-z]+ed)\b"
)
_FORM_HEAD = re.compile(r"^the (?:percentage|number|rate|proportion|average|total) of ")


def noun_of(text: str, vocab: Vocabulary | None = None) -> tuple[str, str] | None:
    """(noun, the word it came from) for what a subject's counts count, or None when it names
    nothing the vocabulary knows. The head of the phrase wins: the last known noun before the
    first preposition or participle ("carers assessments completed" counts assessments,
    "children in mainstream schools" children); failing that, the first anywhere."""
    vocab = vocab or default_vocabulary()
    lowered = _FORM_HEAD.sub("", text.lower())
    found: list[tuple[int, int, str, str | None]] = []
    for word, noun in vocab.nouns.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w'’-])", lowered):
            found.append((m.start(), m.end(), word, noun))
    if not found:
        return None
    cut = _HEAD_ENDS.search(lowered, 1)
    head_end = cut.start() if cut else len(lowered)
    in_head = [f for f in found if f[1] <= head_end]
    if in_head:
        # the last noun of the head; of two ending together, the longer ("care leavers")
        _, _, word, noun = max(in_head, key=lambda f: (f[1], -f[0]))
    else:
        _, _, word, noun = min(found, key=lambda f: (f[0], -f[1]))
    return (noun, word) if noun else None


def counted_noun(text: str, vocab: Vocabulary | None = None) -> tuple[str, str] | None:
    """(noun, the word it came from) for what a count's figures count: the vocabulary's noun
    (`noun_of`), failing that the plural the name's head ends in ("Residential burglaries"
    counts burglaries, "Abandoned vehicles removed" vehicles). None when the head ends in no
    plural (a singular name, "Graffiti removed") or in one the vocabulary's `not_counted` lists
    (days, arrears)."""
    vocab = vocab or default_vocabulary()
    found = noun_of(text, vocab)
    if found is not None:
        return found
    lowered = re.sub(r"\s*\([^)]*\)", "", _FORM_HEAD.sub("", text.lower()))
    cut = _HEAD_ENDS.search(lowered, 1)
    head = re.findall(r"[a-z][a-z'-]*", lowered[: cut.start()] if cut else lowered)
    last = head[-1] if head else ""
    if (
        len(last) > 3
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is", "'s"))
        and last not in vocab.not_counted
        and last not in vocab.nouns  # a word the vocabulary says is never counted ("years")
    ):
        return last, last
    return None
