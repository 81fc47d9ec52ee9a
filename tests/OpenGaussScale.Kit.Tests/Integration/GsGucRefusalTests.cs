using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Settings;
using OpenGaussScale.Kit.Tools.GsGuc;

namespace OpenGaussScale.Kit.Tests.Integration;

/// <summary>gs_guc refuses what PostgreSQL could not take, and then changes nothing (needs postgres --describe-config).</summary>
public sealed class GsGucRefusalTests : IDisposable
{
    private const string Original = "port = 15400\nlisten_addresses = 'localhost,10.0.0.2'\n";
    private readonly string _directory = Directory.CreateTempSubdirectory("ogkit-guc-").FullName;

    public GsGucRefusalTests()
    {
        File.WriteAllText(Path.Combine(_directory, "postgresql.conf"), Original);
        File.WriteAllText(Path.Combine(_directory, "pg_hba.conf"), "local all all trust\n");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [PostgresTheory]
    [InlineData("no_such_parameter=1", "The name of parameter \"no_such_parameter\" is incorrect")]
    [InlineData("listen_addresses='*'", "would listen on every address")]
    [InlineData("synchronous_standby_names='ANY 1(dn_6002), ANY 1(dn_6003)'", "one group only")]
    [InlineData("wal_keep_segments='many'", "is not a whole number")]
    public void A_refused_value_leaves_postgresql_conf_unchanged(string assignment, string message)
    {
        var (ok, error) = Apply("set", "-c", "port=15500", "-c", assignment);
        Assert.False(ok);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(Path.Combine(_directory, "postgresql.conf")));
    }

    [PostgresFact]
    public void Accepted_values_are_written_and_the_derived_files_follow()
    {
        var (ok, error) = Apply("set", "-c", "replconninfo1='localhost=10.0.0.2 remotehost=10.0.0.1 remoteport=15401'", "-c", "wal_keep_segments=32");
        Assert.True(ok, error);
        var view = ConfFile.Load(Path.Combine(_directory, "postgresql.conf"));
        Assert.Equal("'localhost=10.0.0.2 remotehost=10.0.0.1 remoteport=15401'", view.Get("replconninfo1"));
        var derived = File.ReadAllText(new DataDirectory(_directory).DerivedConf);
        Assert.Contains("wal_keep_size = 512MB\n", derived, StringComparison.Ordinal);
        Assert.Contains("ogkit.replconninfo1 = ", derived, StringComparison.Ordinal);
    }

    private (bool Ok, string Error) Apply(params string[] args)
    {
        var error = new StringWriter();
        var context = new ToolContext(new StringWriter(), error, new Dictionary<string, string>(StringComparer.Ordinal) { ["PGHOST"] = "/tmp" });
        var arguments = GsGucArguments.Parse([.. args.Take(1), "-D", _directory, .. args.Skip(1)], out _)!;
        return (new InstanceEditor(new KitServices(context)).Apply(arguments, new DataDirectory(_directory)), error.ToString());
    }
}
