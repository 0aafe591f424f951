using Custos.Modules.Organization.Contracts;
using FluentValidation;

namespace Custos.Modules.Organization;

/// <summary>What a user enters about a covered-entity customer; shared by <see cref="AddCustomer"/> and <see cref="UpdateCustomer"/>.</summary>
/// <param name="DelegatesBreachNotices">
/// The BAA delegates the covered entity's breach notices (individuals 164.404, media 164.406, the Secretary 164.408)
/// to the organization as business associate. False (the default) when the covered entity gives them itself.
/// </param>
public sealed record CustomerDetails(
    string Name,
    CustomerKind Kind,
    ContactPerson BreachNoticeContact,
    ContactPerson? RightsRequestContact,
    int NotificationWindowDays,
    DateOnly? BaaEffectiveOn,
    string? Notes,
    bool DelegatesBreachNotices = false);

internal sealed class CustomerDetailsValidator : AbstractValidator<CustomerDetails>
{
    public CustomerDetailsValidator(TimeProvider time)
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the covered entity's name.").MaximumLength(200);
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose healthcare provider, health plan or healthcare clearinghouse.");
        RuleFor(c => c.BreachNoticeContact).NotNull().WithMessage("Enter who receives breach notices at this customer.")
            .SetValidator(new ContactPersonValidator("breach-notice contact")!);
        RuleFor(c => c.RightsRequestContact!).SetValidator(new ContactPersonValidator("rights-request contact"))
            .When(c => c.RightsRequestContact is not null);

        // 45 CFR 164.410(b): no later than 60 calendar days after discovery; a BAA may only shorten it.
        RuleFor(c => c.NotificationWindowDays)
            .InclusiveBetween(OrganizationRules.MinimumBreachNotificationDays, OrganizationRules.MaximumBreachNotificationDays)
            .WithMessage(
                $"Enter the number of days the BAA allows for breach notice, from {OrganizationRules.MinimumBreachNotificationDays} " +
                $"to {OrganizationRules.MaximumBreachNotificationDays}. 45 CFR 164.410(b) sets 60 days as the limit; a BAA can shorten it but not extend it.");
        RuleFor(c => c.BaaEffectiveOn)
            .Must(date => date is null || date <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(366)))
            .WithMessage("The BAA effective date is more than a year ahead; check the year.");
        RuleFor(c => c.Notes).MaximumLength(4000);
    }
}

internal sealed class ContactPersonValidator : AbstractValidator<ContactPerson>
{
    public ContactPersonValidator(string what)
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage($"Enter the {what}'s name.").MaximumLength(200);
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage($"Enter the {what}'s email address.")
            .EmailAddress().WithMessage("Enter an email address such as name@example.com.").MaximumLength(256);
        RuleFor(c => c.Phone).MaximumLength(40)
            .Matches(@"^[0-9+().\-\s]*(?:\s*(?:x|ext\.?)\s*[0-9]+)?$").WithMessage("Enter a phone number using digits, spaces, + ( ) - and an optional extension.")
            .When(c => !string.IsNullOrWhiteSpace(c.Phone));
        RuleFor(c => c.Title).MaximumLength(200);
    }
}

internal sealed class PostalAddressValidator : AbstractValidator<PostalAddress>
{
    public PostalAddressValidator()
    {
        RuleFor(a => a.Line1).NotEmpty().WithMessage("Enter the street address.").MaximumLength(200);
        RuleFor(a => a.Line2).MaximumLength(200);
        RuleFor(a => a.City).NotEmpty().WithMessage("Enter the city.").MaximumLength(100);
        RuleFor(a => a.Region).NotEmpty().WithMessage("Enter the state or region.").MaximumLength(100);
        RuleFor(a => a.PostalCode).NotEmpty().WithMessage("Enter the ZIP or postal code.").MaximumLength(20);
        RuleFor(a => a.Country).NotEmpty().WithMessage("Enter the country.").MaximumLength(100);
    }
}
