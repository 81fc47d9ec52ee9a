using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Postgres;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class DerivedConfigTests
{
    private static readonly DataDirectory Dn = new("/opt/ogscale/data/dn");
    private static readonly Func<string, bool> PostgresKnows = name => name is "port" or "listen_addresses" or "application_name" or "wal_keep_size" or "synchronous_standby_names" or "hba_file";

    private static string Conf(params string[] lines) =>
        DerivedConfigBuilder.Build(Dn, new ConfFile(lines), [], NodeState.Empty, "/opt/ogscale/tmp", PostgresKnows).PostgresqlConf;

    [Fact]
    public void OpenGauss_only_settings_become_placeholders_PostgreSQL_accepts()
    {
        var text = Conf("replconninfo1 = 'localhost=10.0.0.1 remotehost=10.0.0.2 remoteport=15401'", "available_zone = 'AZ1'");
        Assert.Contains("ogkit.replconninfo1 = 'localhost=10.0.0.1 remotehost=10.0.0.2 remoteport=15401'\n", text, StringComparison.Ordinal);
        Assert.Contains("ogkit.available_zone = 'AZ1'\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?m)^replconninfo", text);
    }

    [Fact]
    public void Renamed_and_mapped_settings()
    {
        var text = Conf("wal_keep_segments = 64", "listen_addresses = 'localhost,10.0.0.3'", "unix_socket_directory = '/run/og'", "port = 15400");
        Assert.Contains("wal_keep_size = 1024MB\n", text, StringComparison.Ordinal);
        Assert.Contains("listen_addresses = '10.0.0.3'\n", text, StringComparison.Ordinal);
        Assert.Contains("unix_socket_directories = '/run/og'\n", text, StringComparison.Ordinal);
        Assert.Contains("port = 15400\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/opt/ogscale/tmp", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_wal_keep_segments_openGauss_default_of_16_segments_is_kept()
    {
        Assert.Contains("wal_keep_size = 256MB\n", Conf("port = 1"), StringComparison.Ordinal);
        Assert.Single(Conf("wal_keep_segments = 64").Split('\n'), l => l.StartsWith("wal_keep_size", StringComparison.Ordinal));
    }

    [Fact]
    public void The_socket_directory_defaults_to_PGHOST_and_is_required()
    {
        Assert.Contains("unix_socket_directories = '/opt/ogscale/tmp'\n", Conf("port = 1"), StringComparison.Ordinal);
        var error = Assert.Throws<KitException>(() => DerivedConfigBuilder.Build(Dn, new ConfFile(["port = 1"]), [], NodeState.Empty, null, PostgresKnows));
        Assert.Contains("PGHOST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kit_points_PostgreSQL_at_its_own_hba_file_whatever_the_view_says()
    {
        var text = Conf("hba_file = '/elsewhere'");
        Assert.Contains("hba_file = '/opt/ogscale/data/dn/ogkit/pg_hba.conf'\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/elsewhere", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_state_adds_the_mode_and_the_upstream()
    {
        var derived = DerivedConfigBuilder.Build(Dn, new ConfFile([]), [], new NodeState("standby", "host=10.0.0.1 port=15400 user=omm application_name=dn_6002", "dn_6002"), "/tmp", PostgresKnows);
        Assert.Contains("ogkit.server_mode = 'standby'\n", derived.PostgresqlConf, StringComparison.Ordinal);
        Assert.Contains("primary_conninfo = 'host=10.0.0.1 port=15400 user=omm application_name=dn_6002'\n", derived.PostgresqlConf, StringComparison.Ordinal);
        Assert.Contains("primary_slot_name = 'dn_6002'\n", derived.PostgresqlConf, StringComparison.Ordinal);
        Assert.Contains("primary_conninfo", derived.NamesSet);
    }

    [Fact]
    public void Unknown_names_are_skipped_not_passed_to_PostgreSQL()
    {
        var text = Conf("made_up_parameter = 1");
        Assert.DoesNotMatch("(?m)^made_up_parameter", text);
        Assert.Contains("# skipped made_up_parameter", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_all_rule_also_admits_replication_and_openGauss_methods_are_mapped()
    {
        var hba = DerivedConfigBuilder.BuildHba(Dn,
        [
            "# comment",
            "host    all    omm    10.0.0.2/32    trust",
            "host    all    all    10.0.0.9/32    sha256",
            "host    replication    omm    10.0.0.3/32    trust",
            "#host    all    omm    10.0.0.4/32    trust",
        ]);
        var lines = hba.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.Equal(
        [
            "host    all    omm    10.0.0.2/32    trust",
            "host    replication    omm    10.0.0.2/32    trust",
            "host    all    all    10.0.0.9/32    scram-sha-256",
            "host    replication    all    10.0.0.9/32    scram-sha-256",
            "host    replication    omm    10.0.0.3/32    trust",
        ], lines);
    }

    [Integration.PostgresFact]
    public void A_value_set_with_gs_guc_wins_over_postgresql_auto_conf()
    {
        var directory = Directory.CreateTempSubdirectory("ogkit-unit-").FullName;
        try
        {
            var dn = new DataDirectory(directory);
            File.WriteAllText(dn.PostgresqlConf, "port = 15400\napplication_name = 'dn_6002'\n");
            File.WriteAllText(dn.HbaConf, "local all all trust\n");
            File.WriteAllText(dn.AutoConf, "# Do not edit this file manually!\nprimary_conninfo = 'host=old'\nport = 5432\nwork_mem = '8MB'\n");
            new NodeState("standby", "host=10.0.0.1 port=15400", null).Save(dn);

            new DerivedConfigWriter(PgInstallation.FromEnvironment(new Dictionary<string, string>(StringComparer.Ordinal))).Write(dn, "/tmp");

            Assert.Equal("# Do not edit this file manually!\nwork_mem = '8MB'\n", File.ReadAllText(dn.AutoConf));
            Assert.Contains("port = 15400\n", File.ReadAllText(dn.DerivedConf), StringComparison.Ordinal);
            Assert.Contains("local    replication    all    trust\n", File.ReadAllText(dn.DerivedHba), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
