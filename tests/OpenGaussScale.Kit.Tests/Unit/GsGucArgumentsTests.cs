using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Tools.GsGuc;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class GsGucArgumentsTests
{
    [Fact]
    public void Several_c_options_are_kept_in_order_with_their_raw_values()
    {
        var parsed = GsGucArguments.Parse(["set", "-D", "/d", "-c", "listen_addresses='localhost,10.0.0.3'", "-c", "port='15400'"], out _)!;
        Assert.Equal(
            [("listen_addresses", "'localhost,10.0.0.3'"), ("port", "'15400'")],
            parsed.Parameters.Select(p => (p.Name, p.RawValue!)).ToArray());
    }

    [Fact]
    public void Gs_dropnode_spacing_around_the_equals_sign_is_accepted()
    {
        var parsed = GsGucArguments.Parse(["reload", "-D", "/d", "-c", "replconninfo2 = ''", "-c", "synchronous_standby_names = 'ANY 1(dn_6002)'"], out _)!;
        Assert.Equal([("replconninfo2", "''"), ("synchronous_standby_names", "'ANY 1(dn_6002)'")], parsed.Parameters.Select(p => (p.Name, p.RawValue!)).ToArray());
    }

    [Fact]
    public void A_bare_name_resets_the_parameter()
    {
        var parsed = GsGucArguments.Parse(["set", "-D", "/d", "-c", "replconninfo3"], out _)!;
        Assert.Null(parsed.Parameters.Single().RawValue);
    }

    [Fact]
    public void All_nodes_and_hba_rules_are_accepted()
    {
        var parsed = GsGucArguments.Parse(["set", "-N", "all", "-I", "all", "-h", "host replication testuser 10.252.95.191/32"], out _)!;
        Assert.True(parsed.AllNodes);
        Assert.True(parsed.HbaRules.Single().IsRemoval);
    }

    [Fact]
    public void The_command_for_one_host_repeats_the_changes_for_its_data_directory()
    {
        var parsed = GsGucArguments.Parse(["reload", "-N", "all", "-I", "all", "-c", "port=15400", "-c", "replconninfo1"], out _)!;
        Assert.Equal(["gs_guc", "reload", "-D", "/x/dn", "-c", "port=15400", "-c", "replconninfo1"], parsed.ToArgv("/x/dn"));
    }

    [Theory]
    [InlineData("-N node1 is not supported", "set", "-N", "node1", "-I", "all", "-c", "port=1")]
    [InlineData("either -D DATADIR or -N all", "set", "-D", "/d", "-N", "all", "-c", "port=1")]
    [InlineData("no instance given", "set", "-c", "port=1")]
    [InlineData("-c and -h cannot be used together", "set", "-D", "/d", "-c", "port=1", "-h", "host all all 1.2.3.4/32 trust")]
    [InlineData("check takes parameter names only", "check", "-D", "/d", "-c", "port=1")]
    [InlineData("no parameter given", "reload", "-D", "/d")]
    [InlineData("invalid option -- 'Z'", "set", "-Z", "x", "-D", "/d", "-c", "port=1")]
    [InlineData("needs one of set, reload, check", "encrypt", "-D", "/d", "-c", "port=1")]
    [InlineData("not a pg_hba rule", "set", "-D", "/d", "-h", "hostx all all 1.2.3.4/32 trust")]
    public void Bad_command_lines_are_rejected(string message, params string[] args)
    {
        var error = Assert.Throws<KitException>(() => GsGucArguments.Parse(args, out _));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
