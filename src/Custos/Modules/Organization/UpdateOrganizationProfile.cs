using Custos.Modules.Organization.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

public sealed record UpdateOrganizationProfileCommand(
    string LegalName,
    EntityType EntityType,
    PostalAddress Address,
    ContactPerson MainContact);

/// <summary>Records or corrects the organization profile (there is exactly one).</summary>
public sealed class UpdateOrganizationProfile(AppDbContext db, TimeProvider time, ICurrentActor actor)
{
    private static readonly Validator CommandValidator = new();

    public async Task<OrganizationProfileView> HandleAsync(UpdateOrganizationProfileCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await CommandValidator.ValidateOrThrowAsync(command, cancellationToken);

        try
        {
            return await SaveAsync(command, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // Another request recorded the first profile at the same moment: apply this one as an update.
            db.ChangeTracker.Clear();
            return await SaveAsync(command, cancellationToken);
        }
    }

    private async Task<OrganizationProfileView> SaveAsync(UpdateOrganizationProfileCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var profile = await db.Set<OrganizationProfile>().SingleOrDefaultAsync(p => p.Id == OrganizationProfile.SingletonId, cancellationToken);
        if (profile is null)
        {
            profile = new OrganizationProfile(now, actor.Actor.DisplayName);
            db.Add(profile);
        }

        profile.Describe(
            command.LegalName.Trim(),
            command.EntityType,
            Normalize(command.Address),
            OrganizationText.Normalize(command.MainContact),
            now,
            actor.Actor.DisplayName);
        await db.SaveChangesAsync(cancellationToken);
        return profile.ToView();
    }

    private static PostalAddress Normalize(PostalAddress a) => new(
        a.Line1.Trim(), OrganizationText.NullIfBlank(a.Line2), a.City.Trim(), a.Region.Trim(), a.PostalCode.Trim(), a.Country.Trim());

    private sealed class Validator : AbstractValidator<UpdateOrganizationProfileCommand>
    {
        public Validator()
        {
            RuleFor(c => c.LegalName).NotEmpty().WithMessage("Enter the organization's legal name.").MaximumLength(200);
            RuleFor(c => c.EntityType).IsInEnum()
                .WithMessage("Choose business associate, covered entity, hybrid entity or subcontractor business associate.");
            RuleFor(c => c.Address).NotNull().WithMessage("Enter the organization's address.").SetValidator(new PostalAddressValidator());
            RuleFor(c => c.MainContact).NotNull().WithMessage("Enter the main contact.").SetValidator(new ContactPersonValidator("main contact"));
        }
    }
}

internal static class OrganizationText
{
    public static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static ContactPerson Normalize(ContactPerson c) =>
        new(c.Name.Trim(), c.Email.Trim(), NullIfBlank(c.Phone), NullIfBlank(c.Title));
}
