// A deliberately broken miniature of the Custos layout, so that each architecture rule is shown to report a
// violation, not only to pass. Nothing outside ArchitectureRulesTests uses these types. Several namespaces in one
// file, on purpose: the sample reads as one picture.
using Custos.Tests.Architecture.Samples.Modules.Billing;
using Custos.Tests.Architecture.Samples.Modules.Shipping;
using Custos.Tests.Architecture.Samples.Modules.Shipping.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Custos.Tests.Architecture.Samples.Modules.Shipping
{
    internal sealed class Shipment
    {
        public Guid Id { get; set; }
    }

    internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
    {
        public void Configure(EntityTypeBuilder<Shipment> builder) => builder.ToTable("shipping_shipments");
    }
}

namespace Custos.Tests.Architecture.Samples.Modules.Shipping.Contracts
{
    public sealed record ShipmentView(Guid Id);
}

namespace Custos.Tests.Architecture.Samples.Modules.Billing
{
    /// <summary>Allowed: another module's Contracts.</summary>
    internal sealed class InvoiceSummary
    {
        public ShipmentView? Shipment { get; set; }
    }

    /// <summary>Violation: another module's internals, used only inside a method body.</summary>
    internal static class InvoiceWithShipment
    {
        public static Guid ShipmentIdOf(object shipment) => ((Shipment)shipment).Id;
    }

    /// <summary>Violation: an entity that is public.</summary>
    public sealed class Invoice
    {
        public Guid Id { get; set; }
    }

    /// <summary>Violation: a configuration that is public.</summary>
    public sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
    {
        public void Configure(EntityTypeBuilder<Invoice> builder) => builder.ToTable("billing_invoices");
    }
}

namespace Custos.Tests.Architecture.Samples.Platform
{
    /// <summary>Violation: the platform uses a module.</summary>
    internal static class InvoiceNumbers
    {
        public static string Next(Invoice invoice) => invoice.Id.ToString("N");
    }

    internal static class Clock
    {
        public static DateTimeOffset Now(TimeProvider time) => time.GetUtcNow();
    }

    internal sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.ApplyConfiguration(new InvoiceConfiguration());
            modelBuilder.ApplyConfiguration(new ShipmentConfiguration());
        }
    }
}
