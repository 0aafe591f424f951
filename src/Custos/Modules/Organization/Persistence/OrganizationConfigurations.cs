using Custos.Modules.Organization.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Modules.Organization.Persistence;

internal sealed class OrganizationProfileConfiguration : IEntityTypeConfiguration<OrganizationProfile>
{
    public void Configure(EntityTypeBuilder<OrganizationProfile> builder)
    {
        builder.ToTable("organization_profiles");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.LegalName).HasMaxLength(200).IsRequired();
        builder.Property(p => p.EntityType).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.UpdatedBy).HasMaxLength(200);
        builder.ComplexProperty(p => p.Address, address =>
        {
            address.Property(a => a.Line1).HasMaxLength(200);
            address.Property(a => a.Line2).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.Region).HasMaxLength(100);
            address.Property(a => a.PostalCode).HasMaxLength(20);
            address.Property(a => a.Country).HasMaxLength(100);
        });
        builder.ComplexProperty(p => p.MainContact, contact => contact.MapContact());
    }
}

internal sealed class OfficerDesignationConfiguration : IEntityTypeConfiguration<OfficerDesignation>
{
    public void Configure(EntityTypeBuilder<OfficerDesignation> builder)
    {
        builder.ToTable("organization_officer_designations");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Role).HasConversion<string>().HasMaxLength(40);
        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Email).HasMaxLength(256).IsRequired();
        builder.Property(d => d.Phone).HasMaxLength(40);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Note).HasMaxLength(2000);
        builder.Property(d => d.RecordedBy).HasMaxLength(200);
        builder.HasIndex(d => new { d.Role, d.EffectiveOn });

        // One current designation per role. The filter is the same SQL on SQLite and PostgreSQL.
        builder.HasIndex(d => d.Role).IsUnique().HasFilter("ended_on IS NULL").HasDatabaseName("ux_organization_officer_designations_current_role");
    }
}

internal sealed class CoveredEntityCustomerConfiguration : IEntityTypeConfiguration<CoveredEntityCustomer>
{
    public void Configure(EntityTypeBuilder<CoveredEntityCustomer> builder)
    {
        builder.ToTable("organization_customers");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.SearchName).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => c.SearchName).IsUnique();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.ComplexProperty(c => c.BreachNoticeContact, contact => contact.MapContact());
        builder.ComplexProperty(c => c.RightsRequestContact, contact => contact.MapContact());
    }
}

internal static class ContactMapping
{
    public static void MapContact(this ComplexPropertyBuilder<ContactPerson> contact)
    {
        contact.Property(c => c.Name).HasMaxLength(200);
        contact.Property(c => c.Email).HasMaxLength(256);
        contact.Property(c => c.Phone).HasMaxLength(40);
        contact.Property(c => c.Title).HasMaxLength(200);
    }
}
