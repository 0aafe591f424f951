using Custos.Modules.Organization.Contracts;

namespace Custos.Modules.Organization;

/// <summary>
/// One designation of a Privacy or Security Officer. Designations are never edited or deleted: a new one ends the
/// previous one, so the history of who was responsible when is kept (45 CFR 164.530(j): six years).
/// </summary>
internal sealed class OfficerDesignation
{
    private OfficerDesignation()
    {
        Name = string.Empty;
        Email = string.Empty;
        RecordedBy = string.Empty;
    }

    public OfficerDesignation(
        Guid id, OfficerRole role, ContactPerson person, DateOnly effectiveOn, string? note, DateTimeOffset recordedAt, string recordedBy)
    {
        Id = id;
        Role = role;
        Name = person.Name;
        Email = person.Email;
        Phone = person.Phone;
        Title = person.Title;
        EffectiveOn = effectiveOn;
        Note = note;
        RecordedAt = recordedAt;
        RecordedBy = recordedBy;
    }

    public Guid Id { get; private set; }

    public OfficerRole Role { get; private set; }

    public string Name { get; private set; }

    public string Email { get; private set; }

    public string? Phone { get; private set; }

    public string? Title { get; private set; }

    public DateOnly EffectiveOn { get; private set; }

    public DateOnly? EndedOn { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy { get; private set; }

    public void EndOn(DateOnly date) => EndedOn = date;

    public OfficerView ToView() =>
        new(Id, Role, Name, Email, Phone, Title, EffectiveOn, EndedOn, RecordedAt, RecordedBy, Note);
}
