using System.Globalization;
using System.Text;
using Custos.Phi.Detection;

namespace Custos.Phi.Evaluation;

/// <summary>
/// A seeded generator of synthetic annotated text: progress notes, discharge summaries, application logs, support
/// tickets and CSV exports, with every identifier's span recorded and clinical look-alikes (doses, vitals, lab values,
/// times, ICD-10 and CPT codes, version numbers) left unannotated. The same seed always gives the same corpus. All
/// values are made up; half of the surnames are invented from syllables so that name detection is not scored only on
/// names in its own dictionary.
/// </summary>
public static class SyntheticCorpus
{
    private static readonly string[] Kinds = ["progress-note", "discharge-summary", "application-log", "support-ticket", "csv-export"];
    private static readonly string[] StreetNames = ["Oak", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Sunset", "Ridge", "Willow", "Highland", "Jefferson", "Lincoln", "Park", "River", "Meadow", "Chestnut", "Franklin"];
    private static readonly string[] Suffixes = ["Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Lane", "Drive", "Court", "Way", "Place", "Terrace"];
    private static readonly string[] States = ["IL", "NY", "CA", "TX", "OH", "WA", "FL", "GA", "MI", "NC", "AZ", "WI"];
    private static readonly string[] Syllables = ["ka", "vel", "dor", "mi", "ran", "tho", "bel", "stro", "lin", "gar", "wen", "ric", "mo", "sen", "tal", "bru", "quin", "fer", "nak", "ols"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Domains = ["example.com", "example.org", "mail.example.net", "clinic.example.org"];

    private static readonly string[] FirstNames = Lexicon.FirstNames.Where(p => !p.Value && p.Key.Length > 2).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] Surnames = Lexicon.Surnames.Where(p => !p.Value).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] Cities = Lexicon.Cities.Where(p => !p.Value && !Lexicon.FirstNames.ContainsKey(p.Key) && !Lexicon.Surnames.ContainsKey(p.Key)).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Generates <paramref name="count"/> documents from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed; the same seed gives the same documents.</param>
    /// <param name="count">How many documents.</param>
    /// <returns>The documents, kinds in rotation.</returns>
    public static IEnumerable<AnnotatedText> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[i % Kinds.Length];
            var b = new Builder(random, allCaps: kind == "progress-note" && random.Next(5) == 0);
            switch (kind)
            {
                case "progress-note": ProgressNote(b); break;
                case "discharge-summary": DischargeSummary(b); break;
                case "application-log": ApplicationLog(b); break;
                case "support-ticket": SupportTicket(b); break;
                default: CsvExport(b); break;
            }

            yield return b.Build(kind);
        }
    }

    private static void ProgressNote(Builder b)
    {
        b.Text("PROGRESS NOTE\nPatient: ").Name().Text("   MRN: ").Phi(PhiType.Mrn, b.Digits(7)).Text("   DOB: ").Date().Text("\n");
        b.Text("Date of service: ").Date().Text(". Seen by ").Phi(PhiType.Name, "Dr. " + b.Surname()).Text(" in clinic.\n");
        b.Text("S: ").Age().Text(" with type 2 diabetes (ICD-10 E11.9) and hypertension (I10). Reports fatigue since ").Date().Text(".\n");
        b.Text("O: BP 138/86, HR 78 bpm, Temp 98.6 F, SpO2 97%, weight 82 kg. A1c 7.4%, glucose 142 mg/dL, Na 139, K 4.1.\n");
        b.Text("A/P: Continue metformin 500 mg BID and lisinopril 10 mg daily; recheck labs in 3 months. Visit billed as CPT 99214 at 10:45.\n");
        b.Text("Lives with daughter ").Name().Text(" at ").Address().Text("; she can be reached at ").Phone().Text(".\n");
        b.Text("Insurance: Medicare, MBI ").Phi(PhiType.HealthPlanId, b.Mbi()).Text(". Pharmacy fax: ").Fax().Text(".\n");
    }

    private static void DischargeSummary(Builder b)
    {
        b.Text("DISCHARGE SUMMARY\nName: ").Name().Text("\nAdmission date: ").Date().Text("   Discharge date: ").Date().Text("\n");
        b.Text("Attending: ").Phi(PhiType.Name, "Dr. " + b.First() + " " + b.Surname()).Text(", NPI ").Phi(PhiType.LicenseNumber, b.Npi()).Text(", DEA ").Phi(PhiType.LicenseNumber, b.Dea()).Text("\n");
        b.Text("Hospital course: the patient, a ").Age().Text(", was admitted for community-acquired pneumonia, treated with ceftriaxone 1 g IV q24h and azithromycin 500 mg, ");
        b.Text("and improved. WBC fell from 14.2 to 8.1. Chest X-ray on day 3 showed resolution.\n");
        b.Text("Pacemaker serial number ").Phi(PhiType.DeviceId, "PM" + b.Digits(8)).Text(" was interrogated; device UDI ").Phi(PhiType.DeviceId, "(01)" + b.Digits(14) + "(17)2601" + b.Digits(2)).Text(".\n");
        b.Text("Follow up with ").Name().Text(" on ").Date().Text(". Call ").Phone().Text(" with questions. SSN on file: ").Phi(PhiType.Ssn, b.Ssn()).Text(".\n");
        b.Text("Home address: ").Address().Text(". Health plan member ID ").Phi(PhiType.HealthPlanId, "XH" + b.Digits(9)).Text(".\n");
    }

    private static void ApplicationLog(Builder b)
    {
        var ts = b.Timestamp();
        b.Phi(PhiType.Date, ts).Text(" INFO  api.request method=GET path=/v1/patients status=200 client=").Phi(PhiType.IpAddress, b.Ipv4()).Text(" duration_ms=41 version=2.14.3\n");
        b.Phi(PhiType.Date, b.Timestamp()).Text(" WARN  auth.login user=").Email().Text(" from ").Phi(PhiType.IpAddress, b.Ipv6()).Text(" attempts=3\n");
        b.Phi(PhiType.Date, b.Timestamp()).Text(" ERROR billing.charge failed for account ").Phi(PhiType.AccountNumber, b.Digits(10)).Text(" card ").Phi(PhiType.AccountNumber, b.Card()).Text(" retry=2\n");
        b.Phi(PhiType.Date, b.Timestamp()).Text(" DEBUG export.job patient id=").Phi(PhiType.OtherId, b.Digits(8)).Text(" url=").Phi(PhiType.Url, "https://portal." + b.Pick(Domains) + "/records/" + b.Digits(6)).Text(" rows=120\n");
        b.Phi(PhiType.Date, b.Timestamp()).Text(" INFO  worker.heartbeat cpu=37% mem=512MB uptime=3600s build 4.2.0.1\n");
    }

    private static void SupportTicket(Builder b)
    {
        b.Text("Ticket #").Text(b.Digits(5)).Text(" - portal access\n\nHi team,\nMy name is ").Name().Text(" and I can't log in to the patient portal since ").Date().Text(".\n");
        b.Text("My email is ").Email().Text(" and my phone is ").Phone().Text(". My member ID is ").Phi(PhiType.HealthPlanId, "W" + b.Digits(9)).Text(".\n");
        b.Text("I'm writing for my mother, ").Name().Text(", who is ").Age().Text(". Her SSN is ").Phi(PhiType.Ssn, b.Ssn()).Text(" if you need it.\n");
        b.Text("We live at ").Address().Text(". Her fingerprint template ID is ").Phi(PhiType.BiometricId, "FP-" + b.Digits(7)).Text(". The page says error 503 after 30 seconds.\n");
        b.Text("Our car (VIN ").Phi(PhiType.VehicleId, b.Vin()).Text(") is registered with driver's license ").Phi(PhiType.LicenseNumber, "D" + b.Digits(7)).Text(".\n");
        b.Text("If I'm not answering, my brother abroad is on ").LocalPhone().Text(" (mobile).\nThanks,\n").Name().Text("\n");
    }

    private static void CsvExport(Builder b)
    {
        b.Text("patient_name,dob,phone,email,ssn,mrn,zip,visit_date,a1c,bp\n");
        for (var row = 0; row < 3; row++)
        {
            b.Name(allowComma: false).Text(",").Date(allowComma: false).Text(",").Phone().Text(",").Email().Text(",").Phi(PhiType.Ssn, b.Ssn()).Text(",MRN ").Phi(PhiType.Mrn, b.Digits(8));
            b.Text(",").Text(b.Pick(States)).Text(" ").Phi(PhiType.Address, b.Digits(5)).Text(",").Date(allowComma: false).Text(",6.").Text(b.Digits(1)).Text(",12").Text(b.Digits(1)).Text("/8").Text(b.Digits(1)).Text("\n");
        }
    }

    private sealed class Builder(Random random, bool allCaps)
    {
        private readonly StringBuilder _text = new();
        private readonly List<AnnotatedSpan> _spans = [];

        public Builder Text(string text)
        {
            _text.Append(allCaps ? text.ToUpperInvariant() : text);
            return this;
        }

        public Builder Phi(PhiType type, string value)
        {
            var start = _text.Length;
            Text(value);
            _spans.Add(new AnnotatedSpan(start, _text.Length, type));
            return this;
        }

        public string Pick(string[] values) => values[random.Next(values.Length)];

        public string First() => Pick(FirstNames);

        public string Surname() => random.Next(2) == 0 ? Pick(Surnames) : Invented();

        private string Invented()
        {
            var s = Pick(Syllables) + Pick(Syllables) + (random.Next(2) == 0 ? Pick(Syllables) : string.Empty);
            return char.ToUpperInvariant(s[0]) + s[1..];
        }

        public Builder Name(bool allowComma = true)
        {
            var first = First();
            var last = Surname();
            return random.Next(6) switch
            {
                0 when allowComma => Phi(PhiType.Name, last + ", " + first),
                1 => Phi(PhiType.Name, first + " " + (char)('A' + random.Next(26)) + ". " + last),
                _ => Phi(PhiType.Name, first + " " + last),
            };
        }

        public string Digits(int n)
        {
            Span<char> c = stackalloc char[n];
            for (var i = 0; i < n; i++)
            {
                c[i] = (char)('0' + random.Next(10));
            }

            return new string(c);
        }

        public Builder Date(bool allowComma = true)
        {
            var year = random.Next(1930, 2025);
            var month = random.Next(1, 13);
            var day = random.Next(1, DateTime.DaysInMonth(year, month) + 1);
            var text = random.Next(5) switch
            {
                0 => string.Create(CultureInfo.InvariantCulture, $"{month}/{day}/{year}"),
                1 => string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}"),
                2 when allowComma => string.Create(CultureInfo.InvariantCulture, $"{Months[month - 1]} {day}, {year}"),
                2 => string.Create(CultureInfo.InvariantCulture, $"{Months[month - 1]} {day} {year}"),
                3 => string.Create(CultureInfo.InvariantCulture, $"{day} {Months[month - 1][..3]} {year}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{month:D2}/{day:D2}/{year % 100:D2}"),
            };
            return Phi(PhiType.Date, text);
        }

        public string Timestamp() => string.Create(
            CultureInfo.InvariantCulture,
            $"2024-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}T{random.Next(24):D2}:{random.Next(60):D2}:{random.Next(60):D2}Z");

        public Builder Age()
        {
            var age = random.Next(90, 104);
            var start = _text.Length;
            Text(age.ToString(CultureInfo.InvariantCulture));
            _spans.Add(new AnnotatedSpan(start, _text.Length, PhiType.AgeOver89));
            return Text(random.Next(2) == 0 ? "-year-old woman" : " year old man");
        }

        public Builder Phone()
        {
            string Area() => random.Next(2, 10).ToString(CultureInfo.InvariantCulture) + Digits(2);
            var text = random.Next(4) switch
            {
                0 => $"({Area()}) {Area()}-{Digits(4)}",
                1 => $"{Area()}-{Area()}-{Digits(4)}",
                2 => $"{Area()}.{Area()}.{Digits(4)}",
                _ => $"+1 {Area()} {Area()} {Digits(4)}",
            };
            return Phi(PhiType.Phone, text);
        }

        /// <summary>A local number as many countries write it, without an area code in NANP form.</summary>
        public Builder LocalPhone()
        {
            var text = random.Next(4) switch
            {
                0 => $"{Digits(2)} {Digits(2)} {Digits(2)}",
                1 => $"{random.Next(2, 10)}{Digits(2)} {Digits(4)}",
                2 => $"0{Digits(3)} {Digits(7)}",
                _ => $"0{random.Next(1, 10)}-{Digits(8)}",
            };
            return Phi(PhiType.Phone, text);
        }

        public Builder Fax() => Phi(PhiType.Fax, $"{random.Next(2, 10)}{Digits(2)}-{random.Next(2, 10)}{Digits(2)}-{Digits(4)}");

        public Builder Email() => Phi(PhiType.Email, $"{First().ToLowerInvariant()}.{Invented().ToLowerInvariant()}{Digits(2)}@{Pick(Domains)}");

        public Builder Address()
        {
            var street = $"{random.Next(1, 9999)} {Pick(StreetNames)} {Pick(Suffixes)}";
            if (random.Next(3) == 0)
            {
                street += $" Apt {random.Next(1, 40)}";
            }

            return Phi(PhiType.Address, $"{street}, {Pick(Cities)}, {Pick(States)} {Digits(5)}");
        }

        public string Ssn()
        {
            var area = random.Next(1, 899);
            area = area == 666 ? 667 : area;
            return string.Create(CultureInfo.InvariantCulture, $"{area:D3}-{random.Next(1, 100):D2}-{random.Next(1, 10000):D4}");
        }

        public string Ipv4() => string.Create(CultureInfo.InvariantCulture, $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}");

        public string Ipv6() => string.Create(CultureInfo.InvariantCulture, $"2001:db8:{random.Next(65536):x}:{random.Next(65536):x}::{random.Next(1, 65536):x}");

        public string Card()
        {
            var digits = "4" + Digits(14);
            for (var check = 0; check < 10; check++)
            {
                var candidate = digits + check.ToString(CultureInfo.InvariantCulture);
                if (Checks.Luhn(candidate))
                {
                    return $"{candidate[..4]} {candidate[4..8]} {candidate[8..12]} {candidate[12..]}";
                }
            }

            throw new InvalidOperationException("unreachable");
        }

        public string Npi()
        {
            var body = "1" + Digits(8);
            for (var check = 0; check < 10; check++)
            {
                var candidate = body + check.ToString(CultureInfo.InvariantCulture);
                if (Checks.IsValidNpi(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("unreachable");
        }

        public string Dea()
        {
            var d = Digits(6);
            var sum = (d[0] - '0') + (d[2] - '0') + (d[4] - '0') + (2 * ((d[1] - '0') + (d[3] - '0') + (d[5] - '0')));
            return $"{Pick(["A", "B", "F", "M"])}{(char)('A' + random.Next(26))}{d}{sum % 10}";
        }

        public string Mbi()
        {
            const string Letters = "ACDEFGHJKMNPQRTUVWXY";
            char L() => Letters[random.Next(Letters.Length)];
            char N() => (char)('0' + random.Next(10));
            return $"{random.Next(1, 10)}{L()}{L()}{N()}-{L()}{N()}{N()}-{L()}{L()}{N()}{N()}";
        }

        public string Vin()
        {
            const string Chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
            while (true)
            {
                var c = new char[17];
                for (var i = 0; i < 17; i++)
                {
                    c[i] = Chars[random.Next(Chars.Length)];
                }

                for (var check = 0; check <= 10; check++)
                {
                    c[8] = check == 10 ? 'X' : (char)('0' + check);
                    if (Checks.IsValidVin(c))
                    {
                        return new string(c);
                    }
                }
            }
        }

        public AnnotatedText Build(string kind) => new(_text.ToString(), _spans, kind);
    }
}
