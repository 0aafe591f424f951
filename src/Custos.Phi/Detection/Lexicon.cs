using System.Collections.Frozen;
using System.Reflection;

namespace Custos.Phi.Detection;

/// <summary>
/// The word lists the detectors consult, all held in frozen hash sets looked up with spans (no allocation, no giant
/// alternations). The name and city lists are embedded resources whose sources and licences are stated in
/// Resources/NOTICE.md; the rest are short lists written for Custos.
/// </summary>
internal static class Lexicon
{
    public static readonly FrozenDictionary<string, bool> FirstNames = LoadFlagged("first-names.txt", "first-names-ssa.txt");
    public static readonly FrozenDictionary<string, bool> Surnames = LoadFlagged("surnames.txt", "people-names.txt");
    public static readonly FrozenDictionary<string, bool> Cities = LoadFlagged("cities.txt");

    public static readonly FrozenDictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> FirstNameLookup =
        FirstNames.GetAlternateLookup<ReadOnlySpan<char>>();

    public static readonly FrozenDictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> SurnameLookup =
        Surnames.GetAlternateLookup<ReadOnlySpan<char>>();

    public static readonly FrozenDictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> CityLookup =
        Cities.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The first word of every known city, to skip city look-ups for words that cannot start one.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CityFirstWords =
        Cities.Keys.Select(c => c.Split(' ')[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words that are never part of a name: English stop words, calendar words, clinical headings and terms.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotName = Set(
        LoadLines("stopwords.txt").Concat(
        [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "patient", "pt", "history", "assessment", "plan", "diagnosis", "diagnoses", "medications", "medication",
            "allergies", "allergy", "hospital", "clinic", "medical", "center", "centre", "discharge", "admission",
            "summary", "note", "notes", "progress", "exam", "examination", "review", "vitals", "vital", "labs", "lab",
            "impression", "subjective", "objective", "physical", "chief", "complaint", "present", "illness", "past",
            "family", "social", "general", "department", "emergency", "room", "unit", "street", "avenue", "road",
            "follow", "up", "instructions", "condition", "stable", "course", "procedure", "procedures", "results",
            "result", "blood", "pressure", "heart", "rate", "temp", "temperature", "pulse", "oxygen", "saturation",
            "signed", "electronically", "attending", "resident", "physician", "nurse", "provider", "date", "time",
            "phone", "fax", "email", "address", "name", "dob", "mrn", "ssn", "age", "sex", "male", "female", "home",
            "care", "health", "insurance", "plan", "member", "account", "visit", "admitted", "discharged", "seen",
            "reports", "denies", "states", "today", "yesterday", "tomorrow", "morning", "evening", "night", "pain",
            "chest", "abdominal", "acute", "chronic", "normal", "negative", "positive", "mild", "moderate", "severe",
            "left", "right", "bilateral", "hypertension", "diabetes", "mellitus", "type", "disease", "syndrome",
            "tablet", "tablets", "daily", "twice", "oral", "po", "bid", "tid", "qid", "prn", "iv", "im", "mg", "ml",
            "error", "warn", "warning", "info", "debug", "trace", "request", "response", "user", "ticket", "customer",
            "support", "hello", "hi", "thanks", "thank", "regards", "dear", "team", "please", "issue", "status",
            "north", "south", "east", "west", "united", "states", "america", "usa", "county", "city", "state", "apt",
            "suite", "hospitalist", "cardiology", "neurology", "oncology", "surgery", "radiology", "pharmacy",
            "alzheimer", "parkinson", "crohn", "hodgkin", "down", "bell", "cushing", "addison", "graves", "lyme",
            "princess", "prince", "royal", "majesty", "highness", "english", "spanish", "french", "german", "chinese", "christian", "catholic", "jewish", "muslim",
            "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
            "sept", "oct", "nov", "dec", "am", "pm", "id", "no", "yes", "ok", "er", "icu", "ed", "or", "pacu", "ct",
            "mri", "ekg", "ecg", "cbc", "bmp", "cmp", "hgb", "wbc", "plt", "na", "cl", "co", "bun", "cr", "inr",
            "i'm", "i'll", "i'd", "i've", "it's", "that's", "let's", "don't", "can't", "won't", "didn't", "isn't",
            "there's", "here's", "what's", "we're", "we'll", "you're", "you'll", "he's", "she's", "they're",
        ]));

    /// <summary>Countries and nationalities: places above the level Safe Harbor removes, and never a person's name (those that are also given names, such as Jordan or Georgia, are left out).</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Countries = Set(
    [
        "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia", "austria",
        "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium", "belize", "benin", "bhutan",
        "bolivia", "bosnia", "botswana", "brazil", "brunei", "bulgaria", "burundi", "cambodia", "cameroon", "canada",
        "chile", "colombia", "congo", "croatia", "cuba", "cyprus", "czechia", "czech", "denmark", "djibouti", "dominica",
        "ecuador", "egypt", "eritrea", "estonia", "eswatini", "ethiopia", "fiji", "finland", "france", "gabon", "gambia",
        "germany", "ghana", "greece", "greenland", "greenlander", "grenada", "guatemala", "guinea", "guyana", "haiti",
        "honduras", "hungary", "iceland", "indonesia", "iran", "iraq", "ireland", "italy", "jamaica", "japan",
        "kazakhstan", "kiribati", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia", "lebanon", "lesotho", "liberia",
        "libya", "liechtenstein", "lithuania", "luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali",
        "malta", "mauritania", "mauritius", "mexico", "micronesia", "moldova", "monaco", "mongolia", "montenegro",
        "morocco", "mozambique", "myanmar", "namibia", "nauru", "nepal", "netherlands", "nicaragua", "niger", "nigeria",
        "norway", "oman", "pakistan", "palau", "palestine", "panama", "paraguay", "peru", "philippines", "poland",
        "portugal", "qatar", "romania", "russia", "rwanda", "samoa", "senegal", "serbia", "seychelles", "singapore",
        "slovakia", "slovenia", "somalia", "spain", "sudan", "suriname", "sweden", "switzerland", "syria", "taiwan",
        "tajikistan", "tanzania", "thailand", "togo", "tonga", "tunisia", "turkey", "turkmenistan", "tuvalu", "uganda",
        "ukraine", "uruguay", "uzbekistan", "vanuatu", "venezuela", "vietnam", "yemen", "zambia", "zimbabwe",
        "zealand", "africa", "kingdom", "emirates", "arabia", "korea", "lanka", "rica", "salvador", "leone", "verde",
        "american", "british", "canadian", "mexican", "greek", "italian", "polish", "swedish", "danish", "norwegian",
        "finnish", "dutch", "belgian", "swiss", "austrian", "hungarian", "portuguese", "brazilian", "japanese",
        "korean", "russian", "ukrainian", "irish", "scottish", "welsh", "australian", "african", "asian", "european",
        "latino", "hispanic", "indian", "turkish", "arab", "arabic", "persian", "czech", "slovak", "slovenian",
        "croatian", "serbian", "romanian", "bulgarian", "icelandic", "estonian", "latvian", "lithuanian", "vietnamese",
        "thai", "filipino", "egyptian", "moroccan", "tunisian", "nigerian", "kenyan", "israeli", "pakistani",
    ]);

    /// <summary>Personal titles that precede a name.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Titles = Set(
    [
        "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "doctor", "rev", "sister", "brother", "nurse",
        "sgt", "capt", "lt", "col", "gen", "judge", "pastor", "father", "mister", "madam", "madame", "mme", "mlle",
        "sr", "sra", "srta", "herr", "frau", "dott", "dra", "rabbi", "imam", "sheikh", "lady", "sir", "dame", "lord",
        "officer", "detective", "coach",
    ]);

    /// <summary>Words after which a capitalized word is likely a person's name.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NameCues = Set(
    [
        "name", "named", "patient", "pt", "son", "daughter", "wife", "husband", "mother", "father", "brother",
        "sister", "spouse", "partner", "guardian", "by", "attn", "cc", "signed", "seen", "caregiver", "grandson",
        "granddaughter", "aunt", "uncle", "niece", "nephew", "friend", "contact", "dear", "hi", "hello", "thanks",
        "regards", "sincerely", "resident", "neighbor", "roommate", "fiance", "fiancee", "says", "said",
        "calls", "call", "player", "actor", "singer", "author", "president", "minister", "director", "manager",
        "ceo", "founder", "chairman", "senator", "governor", "mayor", "coach", "officer", "agent", "client", "member",
        "employee", "caller", "visitor", "applicant", "tenant", "owner", "physician", "dr", "provider", "surgeon",
        "starring", "producer", "assistant", "i'm", "am", "songwriter", "keynote", "speaker", "married", "kid", "child",
        "baby", "grandchild", "stepson", "stepdaughter", "commenter", "colleague", "coworker", "boss", "landlord", "marry", "dating", "boyfriend", "girlfriend", "cousin", "grandmother", "grandfather",
        "buyer", "seller", "recipient", "sender", "candidate", "witness", "victim",
        "passenger", "cardholder", "policyholder", "signer", "signatory", "addressee",
    ]);

    /// <summary>Verbs after which the capitalized words before them are a person: "Tomomi lives at", "Asya spent a year".</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PersonVerbs = Set(
    [
        "lives", "lived", "spent", "shouted", "said", "says", "told", "explained", "wrote", "asked", "replied",
        "married", "died", "works", "worked", "joined", "smiled", "laughed", "answered", "whispered", "cried",
        "thinks", "thought", "believes", "believed", "studied", "graduated", "resides", "resided", "texted", "emailed",
        "phoned", "complained", "admitted", "insisted", "recalled", "remembered", "agreed", "refused", "sang",
        "sings", "played", "starred", "directed", "invented", "founded", "wants", "wanted", "needs", "needed",
        "began", "grew", "became", "loves", "loved", "hates", "hated", "knows", "knew", "shouts", "smiles", "cries",
    ]);

    /// <summary>Street words that come before the name in many countries: Rua, Rue, Via, Calle, ul.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StreetPrefixes = Set(
    [
        "rua", "rue", "via", "viale", "calle", "avda", "avenida", "av", "avinguda", "carrer", "rambla", "ul", "ulica",
        "aleja", "al", "strada", "str", "praça", "praca", "rúa", "trg", "plac", "piazza", "largo", "travessa",
        "camino", "paseo", "plaza", "c", "chemin", "allée", "boulevard", "impasse", "quai", "ulitsa", "prospekt",
        "leoforos", "odos", "jalan", "jl", "calzada", "carretera", "estrada", "alameda", "vicolo", "corso", "avenue",
        "route", "place", "chaussée", "r", "ctra", "pza", "pl", "travesía", "ronda", "rambla", "vía",
    ]);

    /// <summary>Street words that follow the name (as a word or as the end of one): Erzsébet tér, Hersnapvej, Östbygatan.</summary>
    public static readonly string[] StreetEndings =
    [
        "vej", "gade", "gatan", "gata", "vägen", "väg", "veien", "vegen", "vei", "gate", "stien", "straat", "laan",
        "plein", "gracht", "weg", "gasse", "strasse", "straße", "str", "allee", "platz", "ring", "damm", "katu", "tie",
        "kuja", "polku", "utca", "u", "tér", "út", "útja", "kapu", "rkp", "sor", "körút", "ulica", "cesta",
        "street", "road", "tanya", "braut", "tee", "iela", "gatve", "ulice", "trida", "steenweg", "dreef", "kade", "gränd", "torget", "torg", "brücke", "markt", "steig", "pfad",
    ];

    /// <summary>USPS street suffixes (Publication 28, appendix C1; a U.S. government work) and their abbreviations.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StreetSuffixes = Set(
    [
        "alley", "aly", "annex", "arcade", "avenue", "ave", "av", "bayou", "beach", "bend", "bluff", "bluffs", "bottom",
        "boulevard", "blvd", "branch", "bridge", "brook", "brooks", "burg", "bypass", "byp", "camp", "canyon", "cape",
        "causeway", "center", "ctr", "circle", "cir", "cliff", "cliffs", "club", "common", "commons", "corner",
        "corners", "course", "court", "ct", "courts", "cove", "coves", "creek", "crescent", "crest", "crossing",
        "crossroad", "curve", "dale", "dam", "divide", "drive", "dr", "drives", "estate", "estates", "expressway",
        "expy", "extension", "ext", "fall", "falls", "ferry", "field", "fields", "flat", "flats", "ford", "fords",
        "forest", "forge", "forges", "fork", "forks", "fort", "freeway", "fwy", "garden", "gardens", "gateway",
        "glen", "glens", "green", "greens", "grove", "groves", "harbor", "harbors", "haven", "heights", "hts",
        "highway", "hwy", "hill", "hills", "hollow", "inlet", "island", "islands", "isle", "junction", "junctions",
        "key", "keys", "knoll", "knolls", "lake", "lakes", "land", "landing", "lane", "ln", "light", "lights", "loaf",
        "lock", "locks", "lodge", "loop", "mall", "manor", "manors", "meadow", "meadows", "mews", "mill", "mills",
        "mission", "motorway", "mount", "mountain", "mountains", "neck", "orchard", "oval", "overpass", "park",
        "parks", "parkway", "pkwy", "pass", "passage", "path", "pike", "pine", "pines", "place", "pl", "plain",
        "plains", "plaza", "plz", "point", "points", "port", "ports", "prairie", "radial", "ramp", "ranch", "rapid",
        "rapids", "rest", "ridge", "ridges", "river", "road", "rd", "roads", "route", "rte", "row", "rue", "run",
        "shoal", "shoals", "shore", "shores", "skyway", "spring", "springs", "spur", "spurs", "square", "sq",
        "squares", "station", "sta", "stravenue", "stream", "street", "st", "streets", "summit", "terrace", "ter",
        "throughway", "trace", "track", "trafficway", "trail", "trl", "trailer", "tunnel", "turnpike", "tpke",
        "underpass", "union", "unions", "valley", "valleys", "via", "viaduct", "view", "views", "village",
        "villages", "ville", "vista", "walk", "walks", "wall", "way", "ways", "well", "wells", "crossings", "circles",
        "centers", "cts",
    ]);

    /// <summary>Secondary unit designators (USPS Publication 28, appendix C2).</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> UnitDesignators = Set(
    [
        "apt", "apartment", "suite", "ste", "unit", "bldg", "building", "floor", "fl", "room", "rm", "dept", "lot",
        "space", "spc", "trlr", "box",
    ]);

    /// <summary>U.S. state and territory postal abbreviations.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StateCodes = FrozenSet.Create(
        StringComparer.Ordinal,
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
        "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
        "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI",
        "AS", "MP", "AA", "AE", "AP").GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>U.S. state names (one word of a multi-word name is enough to anchor "City, State").</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StateNames = Set(
    [
        "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
        "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
        "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
        "nevada", "hampshire", "jersey", "mexico", "york", "carolina", "dakota", "ohio", "oklahoma", "oregon",
        "pennsylvania", "rhode", "tennessee", "texas", "utah", "vermont", "virginia", "washington", "wisconsin",
        "wyoming", "columbia",
    ]);

    /// <summary>Month names and abbreviations, January = 1.</summary>
    public static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Months =
        new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
        {
            ["january"] = 1,
            ["jan"] = 1,
            ["february"] = 2,
            ["feb"] = 2,
            ["march"] = 3,
            ["mar"] = 3,
            ["april"] = 4,
            ["apr"] = 4,
            ["may"] = 5,
            ["june"] = 6,
            ["jun"] = 6,
            ["july"] = 7,
            ["jul"] = 7,
            ["august"] = 8,
            ["aug"] = 8,
            ["september"] = 9,
            ["sep"] = 9,
            ["sept"] = 9,
            ["october"] = 10,
            ["oct"] = 10,
            ["november"] = 11,
            ["nov"] = 11,
            ["december"] = 12,
            ["dec"] = 12,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Units and clinical words after which a number is a measurement, not an identifier.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Units = Set(
    [
        "mg", "mcg", "g", "kg", "lb", "lbs", "oz", "ml", "l", "dl", "mmhg", "bpm", "mmol", "meq", "units", "unit", "iu",
        "cm", "mm", "in", "ft", "hrs", "hr", "hours", "min", "mins", "minutes", "sec", "days", "day", "weeks", "wk",
        "months", "mo", "years", "yrs", "tabs", "tab", "caps", "puffs", "drops", "percent", "f", "c", "mgdl",
    ]);

    /// <summary>
    /// Context words that say what the identifier after them is; the nearest specific one wins. Generic words
    /// (<c>id</c>, <c>number</c>) mean <see cref="PhiType.OtherId"/> unless a specific word comes just before.
    /// </summary>
    public static readonly FrozenDictionary<string, PhiType>.AlternateLookup<ReadOnlySpan<char>> IdCues =
        new Dictionary<string, PhiType>(StringComparer.OrdinalIgnoreCase)
        {
            ["mrn"] = PhiType.Mrn,
            ["record"] = PhiType.Mrn,
            ["chart"] = PhiType.Mrn,
            ["mr#"] = PhiType.Mrn,
            ["ssn"] = PhiType.Ssn,
            ["security"] = PhiType.Ssn,
            ["ss#"] = PhiType.Ssn,
            ["mbi"] = PhiType.HealthPlanId,
            ["medicare"] = PhiType.HealthPlanId,
            ["medicaid"] = PhiType.HealthPlanId,
            ["member"] = PhiType.HealthPlanId,
            ["subscriber"] = PhiType.HealthPlanId,
            ["policy"] = PhiType.HealthPlanId,
            ["beneficiary"] = PhiType.HealthPlanId,
            ["insurance"] = PhiType.HealthPlanId,
            ["hicn"] = PhiType.HealthPlanId,
            ["plan"] = PhiType.HealthPlanId,
            ["group"] = PhiType.HealthPlanId,
            ["insured"] = PhiType.HealthPlanId,
            ["account"] = PhiType.AccountNumber,
            ["acct"] = PhiType.AccountNumber,
            ["billing"] = PhiType.AccountNumber,
            ["iban"] = PhiType.AccountNumber,
            ["card"] = PhiType.AccountNumber,
            ["invoice"] = PhiType.AccountNumber,
            ["license"] = PhiType.LicenseNumber,
            ["licence"] = PhiType.LicenseNumber,
            ["lic"] = PhiType.LicenseNumber,
            ["dl"] = PhiType.LicenseNumber,
            ["dea"] = PhiType.LicenseNumber,
            ["npi"] = PhiType.LicenseNumber,
            ["certificate"] = PhiType.LicenseNumber,
            ["cert"] = PhiType.LicenseNumber,
            ["permit"] = PhiType.LicenseNumber,
            ["passport"] = PhiType.LicenseNumber,
            ["vin"] = PhiType.VehicleId,
            ["plate"] = PhiType.VehicleId,
            ["vehicle"] = PhiType.VehicleId,
            ["serial"] = PhiType.DeviceId,
            ["sn"] = PhiType.DeviceId,
            ["device"] = PhiType.DeviceId,
            ["udi"] = PhiType.DeviceId,
            ["imei"] = PhiType.DeviceId,
            ["pacemaker"] = PhiType.DeviceId,
            ["implant"] = PhiType.DeviceId,
            ["mac"] = PhiType.DeviceId,
            ["fingerprint"] = PhiType.BiometricId,
            ["voiceprint"] = PhiType.BiometricId,
            ["biometric"] = PhiType.BiometricId,
            ["retina"] = PhiType.BiometricId,
            ["iris"] = PhiType.BiometricId,
            ["palmprint"] = PhiType.BiometricId,
            ["faceprint"] = PhiType.BiometricId,
            ["id"] = PhiType.OtherId,
            ["identifier"] = PhiType.OtherId,
            ["mpi"] = PhiType.OtherId,
            ["claim"] = PhiType.OtherId,
            ["case"] = PhiType.OtherId,
            ["encounter"] = PhiType.OtherId,
            ["accession"] = PhiType.OtherId,
            ["specimen"] = PhiType.OtherId,
            ["empi"] = PhiType.OtherId,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words just after a number that label it a telephone or fax number: "455 6186 office", "92 34 70-Office".</summary>
    public static readonly FrozenDictionary<string, PhiType>.AlternateLookup<ReadOnlySpan<char>> PhoneLabelsAfter =
        new Dictionary<string, PhiType>(StringComparer.OrdinalIgnoreCase)
        {
            ["office"] = PhiType.Phone,
            ["mobile"] = PhiType.Phone,
            ["cell"] = PhiType.Phone,
            ["home"] = PhiType.Phone,
            ["work"] = PhiType.Phone,
            ["landline"] = PhiType.Phone,
            ["phone"] = PhiType.Phone,
            ["tel"] = PhiType.Phone,
            ["fax"] = PhiType.Fax,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Filler between a context word and its identifier (<c>MRN number: 123</c>, <c>ID no. 12</c>).</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IdFiller = Set(
        ["number", "no", "num", "nbr", "id", "identifier", "is", "code", "of", "#", "the", "was", "nr", "value"]);

    /// <summary>Words before a number that make it a telephone or fax number.</summary>
    public static readonly FrozenDictionary<string, PhiType>.AlternateLookup<ReadOnlySpan<char>> PhoneCues =
        new Dictionary<string, PhiType>(StringComparer.OrdinalIgnoreCase)
        {
            ["fax"] = PhiType.Fax,
            ["facsimile"] = PhiType.Fax,
            ["f"] = PhiType.Fax,
            ["phone"] = PhiType.Phone,
            ["tel"] = PhiType.Phone,
            ["telephone"] = PhiType.Phone,
            ["cell"] = PhiType.Phone,
            ["mobile"] = PhiType.Phone,
            ["call"] = PhiType.Phone,
            ["pager"] = PhiType.Phone,
            ["ph"] = PhiType.Phone,
            ["contact"] = PhiType.Phone,
            ["reach"] = PhiType.Phone,
            ["text"] = PhiType.Phone,
            ["cellphone"] = PhiType.Phone,
            ["landline"] = PhiType.Phone,
            ["t"] = PhiType.Phone,
            ["p"] = PhiType.Phone,
            ["m"] = PhiType.Phone,
            ["h"] = PhiType.Phone,
            ["w"] = PhiType.Phone,
            ["callback"] = PhiType.Phone,
            ["office"] = PhiType.Phone,
            ["desk"] = PhiType.Phone,
            ["home"] = PhiType.Phone,
            ["work"] = PhiType.Phone,
            ["messages"] = PhiType.Phone,
            ["whatsapp"] = PhiType.Phone,
            ["sms"] = PhiType.Phone,
            ["answering"] = PhiType.Phone,
            ["dial"] = PhiType.Phone,
            ["ring"] = PhiType.Phone,
            ["hotline"] = PhiType.Phone,
            ["helpline"] = PhiType.Phone,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Top-level domains accepted for a bare domain name (<c>example.org</c>) without a scheme.</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TopLevelDomains = Set(
    [
        "com", "org", "net", "edu", "gov", "mil", "io", "info", "biz", "us", "uk", "de", "fr", "hu", "dk", "nl", "se",
        "no", "fi", "es", "it", "ca", "au", "jp", "cn", "ru", "br", "in", "ch", "at", "be", "pl", "cz", "eu", "me", "tv",
        "app", "dev", "health", "care", "co", "ie", "nz", "mx", "ar", "za", "is", "gr", "pt", "tk", "ly", "ai",
    ]);

    /// <summary>Words after a name that make it a firm, a building or a work: "Russell Investments", "Shepherd Ltd".</summary>
    public static readonly string[] OrganizationWords =
    [
        "hospital", "clinic", "center", "centre", "medical", "university", "health", "healthcare", "associates", "inc",
        "llc", "corp", "company", "group", "foundation", "institute", "school", "college", "bank", "church",
        "pharmacy", "labs", "laboratory", "systems", "partners", "memorial", "regional", "county", "street",
        "avenue", "road", "ltd", "co", "services", "insurance", "syndrome", "disease", "sign", "test", "score",
        "scale", "criteria", "procedure", "method", "classification", "law", "act", "orchestra", "plc", "gmbh",
        "corporation", "investments", "technologies", "technology", "agency", "holdings", "capital", "consulting",
        "solutions", "ventures", "enterprises", "industries", "international", "global", "media", "software",
        "press", "publishing", "ratings", "leasing", "trust", "fund", "airlines", "motors", "studios", "records",
        "productions", "office", "offices", "research", "lines", "incorporated", "bros", "ag", "sa", "bv", "nv",
    ];

    /// <summary>
    /// Endings that mark a word as a family name in the languages that build surnames by suffix (Slavic -ova/-ov/-ski/
    /// -enko/-vić, Georgian -shvili/-dze, Armenian -yan, Greek -poulos/-akis/-idis, Romanian -escu, Turkish -oğlu, Nordic
    /// -sson/-sen/-dóttir, Finnish -nen, German -mann): general morphology, not a list of names. Each ending needs a stem
    /// of its own minimum length, which keeps English words out ("Geneva", "Whisky", "Linen").
    /// </summary>
    private static readonly (string Ending, int MinStem)[] SurnameEndings =
    [
        ("ova", 4), ("eva", 4), ("ov", 4), ("ev", 4), ("ovich", 3), ("evich", 3), ("ovna", 3), ("evna", 3), ("ović", 2),
        ("ević", 2), ("vić", 3), ("ić", 4), ("ovic", 3), ("evic", 3), ("ski", 4), ("ska", 4), ("sky", 4), ("skiy", 3),
        ("skaya", 3), ("enko", 3), ("chuk", 3), ("czyk", 3), ("wicz", 3), ("shvili", 2), ("dze", 3), ("yan", 3),
        ("poulos", 2), ("opoulou", 2), ("akis", 3), ("idis", 3), ("escu", 3), ("oglu", 3), ("oğlu", 3), ("dóttir", 3),
        ("dottir", 3), ("sson", 3), ("sen", 4), ("nen", 4), ("mann", 3), ("ström", 2), ("strom", 3), ("qvist", 2),
        ("quist", 3), ("witz", 3), ("yev", 3), ("yeva", 3), ("iev", 3), ("ieva", 3), ("ovska", 2), ("ovsky", 2),
    ];

    /// <summary>Whether a word is built like a family name (see <see cref="SurnameEndings"/>): letters only, capitalized or not.</summary>
    public static bool HasSurnameShape(ReadOnlySpan<char> word)
    {
        if (word.Length < 5 || word.Length > 24)
        {
            return false;
        }

        foreach (var (ending, minStem) in SurnameEndings)
        {
            if (word.Length >= ending.Length + minStem && word.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            {
                return !word.ContainsAny(NotLetters);
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> NotLetters = System.Buffers.SearchValues.Create("0123456789_'-.");

    /// <summary>Nouns that, after a possessive, belong to a person and never to a firm: "Ayna Khadzhiyev's killers", "Quelvar's wife" (not "address" or "phone": "Google's address").</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PossessedByPeople = Set(
    [
        "wife", "husband", "son", "sons", "daughter", "daughters", "mother", "father", "mom", "mum", "dad", "brother",
        "brothers", "sister", "sisters", "parents", "children", "kids", "baby", "family", "friend", "friends", "boyfriend",
        "girlfriend", "fiance", "fiancee", "fiancé", "fiancée", "spouse", "widow", "widower", "grandmother", "grandfather",
        "grandson", "granddaughter", "killer", "killers", "murderer", "murder", "death", "funeral", "grave", "birthday",
        "wedding", "diagnosis", "symptoms", "prognosis", "surgery", "doctor", "physician", "nurse", "therapist", "lawyer",
        "attorney", "caregiver", "guardian", "bedside", "medications", "prescription", "memoir", "biography",
        "autobiography", "heirs", "passport", "remains", "obituary", "parole",
    ]);

    /// <summary>Words that open a line with a colon without being a speaker: "Answer: ...", "Note: ...".</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LabelWords = Set(
    [
        "answer", "answers", "question", "questions", "reply", "response", "comment", "comments", "quote", "update",
        "edit", "subject", "title", "source", "example", "tip", "hint", "caution", "reason", "step", "translation",
        "lyrics", "chorus", "verse", "q", "a", "re", "fwd", "fw", "to", "from", "sent", "cc", "bcc", "location", "where",
        "when", "why", "what", "who", "how", "description", "details", "reminder", "important", "attention", "ps",
        "disclaimer", "headline", "breaking", "spoiler", "conclusion", "background", "context", "answered", "solution",
        "problem", "fix", "bug", "feature", "todo", "done", "output", "input", "usage", "syntax",
    ]);

    /// <summary>Words that come before a single letter without being a given name and a middle initial: "Vitamin D Level", "Type A Personality".</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LetterDesignators = Set(
    [
        "vitamin", "hepatitis", "influenza", "flu", "type", "class", "stage", "grade", "group", "phase", "section", "part",
        "plan", "schedule", "level", "factor", "lot", "wing", "ward", "building", "block", "zone", "exhibit", "figure",
        "table", "appendix", "chapter", "annex", "option", "model", "series", "version", "gate", "terminal", "pier",
        "dock", "row", "seat", "tier", "division", "category", "team", "squad", "league", "route", "interstate",
        "channel", "platform", "track", "lane", "hall", "room", "floor", "unit", "suite", "bed", "bay", "pod", "plate",
        "item", "question", "answer", "list", "form", "grid", "sector", "district", "ward", "area", "lead", "protein",
        "complex", "antigen", "strep", "streptococcus", "cell", "cells", "fraction", "chain", "region", "point",
        "apartment", "apt", "box", "building", "tower", "block", "blood", "rh", "rhesus", "ab", "size", "cup",
        "plan", "medicare", "part", "parts", "step", "day", "week", "study", "arm", "cohort", "test", "wave", "ray",
    ]);

    /// <summary>Compass directions written in street addresses: "1234 N Oak St", "5th Ave NW".</summary>
    public static readonly string[] Directionals =
        ["n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"];

    /// <summary>Small words inside street names of many languages: "Rua do Arenque", "Via della Spiga", "Avenue of the Americas".</summary>
    public static readonly string[] StreetParticles =
    [
        "do", "da", "de", "del", "dos", "das", "des", "di", "la", "le", "du", "dalla", "dello", "degli", "dal", "of", "the", "van",
        "von", "der", "den", "y", "e", "dei", "delle", "della", "al", "el", "na", "nad", "sur", "am", "an", "im", "lo",
    ];

    /// <summary>
    /// Every list a word can be in, as flags: one hash probe per token answers all of them (the detectors ask many
    /// questions of the same capitalized word; asking each list in turn was the name detector's main cost).
    /// </summary>
    public static readonly FrozenDictionary<string, WordFlags>.AlternateLookup<ReadOnlySpan<char>> Flags = BuildFlags();

    private static FrozenDictionary<string, WordFlags>.AlternateLookup<ReadOnlySpan<char>> BuildFlags()
    {
        var flags = new Dictionary<string, WordFlags>(StringComparer.OrdinalIgnoreCase);
        void Mark(IEnumerable<string> words, WordFlags flag)
        {
            foreach (var word in words)
            {
                flags[word] = flags.GetValueOrDefault(word) | flag;
            }
        }

        Mark(FirstNames.Keys, WordFlags.FirstName);
        Mark(FirstNames.Where(p => p.Value).Select(p => p.Key), WordFlags.FirstNameAmbiguous);
        Mark(Surnames.Keys, WordFlags.Surname);
        Mark(Surnames.Where(p => p.Value).Select(p => p.Key), WordFlags.SurnameAmbiguous);
        Mark(NotName.Set, WordFlags.NotName);
        Mark(Titles.Set, WordFlags.Title);
        Mark(CityFirstWords.Set, WordFlags.CityFirstWord);
        Mark(Countries.Set, WordFlags.Country);
        Mark(StateNames.Set, WordFlags.StateName);
        Mark(StreetSuffixes.Set, WordFlags.StreetSuffix);
        Mark(StreetPrefixes.Set, WordFlags.StreetPrefix);
        Mark(Months.Dictionary.Keys, WordFlags.Month);
        Mark(NameCues.Set, WordFlags.NameCue);
        Mark(PersonVerbs.Set, WordFlags.PersonVerb);
        Mark(OrganizationWords, WordFlags.Organization);
        Mark(IdCues.Dictionary.Keys, WordFlags.IdCue);
        Mark(PhoneCues.Dictionary.Keys, WordFlags.PhoneCue);
        Mark(PhoneLabelsAfter.Dictionary.Keys, WordFlags.PhoneLabel);
        Mark(StreetEndings, WordFlags.StreetEnding);
        Mark(StreetParticles, WordFlags.StreetParticle);
        Mark(Directionals, WordFlags.Directional);
        Mark(Units.Set, WordFlags.Unit);
        return flags.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(IEnumerable<string> words) =>
        words.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static FrozenDictionary<string, bool> LoadFlagged(params string[] names)
    {
        var result = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in names.SelectMany(LoadLines))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var word = tab < 0 ? line : line[..tab];
            result[word] = tab >= 0;
        }

        return result.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static List<string> LoadLines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Custos.Phi.Resources." + name)
            ?? throw new InvalidOperationException($"The embedded word list {name} is missing from Custos.Phi.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line.Trim('\r'));
            }
        }

        return lines;
    }
}

/// <summary>The lists a word is in (see <see cref="Lexicon.Flags"/>).</summary>
[Flags]
internal enum WordFlags
{
    None = 0,
    Looked = 1,
    FirstName = 1 << 1,
    FirstNameAmbiguous = 1 << 2,
    Surname = 1 << 3,
    SurnameAmbiguous = 1 << 4,
    NotName = 1 << 5,
    Title = 1 << 6,
    CityFirstWord = 1 << 7,
    Country = 1 << 8,
    StateName = 1 << 9,
    StreetSuffix = 1 << 10,
    StreetPrefix = 1 << 11,
    Month = 1 << 12,
    NameCue = 1 << 13,
    PersonVerb = 1 << 14,
    Organization = 1 << 15,
    IdCue = 1 << 16,
    PhoneCue = 1 << 17,
    PhoneLabel = 1 << 18,
    StreetEnding = 1 << 19,
    StreetParticle = 1 << 20,
    Directional = 1 << 21,
    Unit = 1 << 22,
}
