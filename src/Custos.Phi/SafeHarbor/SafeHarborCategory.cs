using System.Globalization;

namespace Custos.Phi.SafeHarbor;

/// <summary>
/// One of the eighteen Safe Harbor identifier categories: its letter in 45 CFR 164.514(b)(2)(i), a short name and a
/// plain-language description. Instances come from <see cref="SafeHarborCatalog"/>.
/// </summary>
public sealed class SafeHarborCategory
{
    internal SafeHarborCategory(SafeHarborIdentifier identifier, string name, string description)
    {
        Identifier = identifier;
        Letter = (char)('A' + ((int)identifier - 1));
        Name = name;
        Description = description;
    }

    /// <summary>Which category this is.</summary>
    public SafeHarborIdentifier Identifier { get; }

    /// <summary>The category's letter in the rule's list, from 'A' to 'R'.</summary>
    public char Letter { get; }

    /// <summary>A short name for lists and reports, such as "Medical record numbers".</summary>
    public string Name { get; }

    /// <summary>What the category covers, in plain language (a summary, not the rule's text).</summary>
    public string Description { get; }

    /// <summary>The full citation, such as "45 CFR 164.514(b)(2)(i)(H)".</summary>
    public string Citation => string.Create(CultureInfo.InvariantCulture, $"{SafeHarborCatalog.Citation}({Letter})");

    /// <summary>The letter and the name, such as "(H) Medical record numbers".</summary>
    /// <returns>The letter in parentheses followed by the name.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Letter}) {Name}");
}
