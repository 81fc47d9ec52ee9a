using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class GucCatalogTests
{
    private static readonly Func<string, bool> PostgresKnows = name => name is "port" or "listen_addresses" or "wal_keep_size";

    [Theory]
    [InlineData("replconninfo1", GucKind.OpenGaussOnly)]
    [InlineData("replconninfo8", GucKind.OpenGaussOnly)]
    [InlineData("replconninfo9", GucKind.Unknown)]
    [InlineData("available_zone", GucKind.OpenGaussOnly)]
    [InlineData("enable_availablezone", GucKind.OpenGaussOnly)]
    [InlineData("wal_keep_segments", GucKind.Renamed)]
    [InlineData("unix_socket_directory", GucKind.Renamed)]
    [InlineData("port", GucKind.PostgreSql)]
    [InlineData("no_such_parameter", GucKind.Unknown)]
    public void Names_are_classified(string name, GucKind kind) => Assert.Equal(kind, GucCatalog.Classify(name, PostgresKnows));

    [Fact]
    public void Wal_keep_segments_becomes_wal_keep_size_in_megabytes()
    {
        Assert.Equal(("wal_keep_size", "16384MB"), GucCatalog.MapRenamed("wal_keep_segments", "1024"));
        Assert.Throws<KitException>(() => GucCatalog.MapRenamed("wal_keep_segments", "'lots'"));
    }

    [Theory]
    [InlineData("localhost,10.0.0.3", "10.0.0.3")]
    [InlineData("localhost", "")]
    [InlineData("10.0.0.3, 10.0.0.4,localhost", "10.0.0.3,10.0.0.4")]
    public void Listen_addresses_lose_localhost(string value, string expected) => Assert.Equal(expected, ListenAddresses.ForPostgres(value));

    [Theory]
    [InlineData("*")]
    [InlineData("localhost,0.0.0.0")]
    public void Listening_everywhere_is_refused(string value) => Assert.Throws<KitException>(() => ListenAddresses.ForPostgres(value));

    [Fact]
    public void Several_synchronous_groups_are_refused_one_is_fine()
    {
        SynchronousStandbyNames.CheckPostgresCanTake("ANY 1(dn_6002,dn_6003)");
        var error = Assert.Throws<KitException>(() => SynchronousStandbyNames.CheckPostgresCanTake("ANY 1(dn_6002),ANY 1(dn_6003)"));
        Assert.Contains("one group only", error.Message, StringComparison.Ordinal);
    }
}
