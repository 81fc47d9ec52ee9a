using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tests.Unit;

public sealed class HbaAndReplConnInfoTests
{
    [Fact]
    public void A_rule_with_a_method_is_added_once_and_replaced_afterwards()
    {
        var file = new HbaFile(["local   all   all   trust"]);
        file.Apply(HbaRule.Parse("host all omm 10.0.0.3/32 trust"));
        file.Apply(HbaRule.Parse("host    all    omm    10.0.0.3/32    sha256"));
        Assert.Equal(["local   all   all   trust", "host    all    omm    10.0.0.3/32    sha256"], file.Lines);
    }

    [Fact]
    public void A_rule_without_its_method_comments_the_rule_out()
    {
        var file = new HbaFile(["host    all    omm    10.0.0.3/32    trust", "host    all    omm    10.0.0.31/32    trust"]);
        file.Apply(HbaRule.Parse("host    all    omm    10.0.0.3/32"));
        Assert.Equal(["#host    all    omm    10.0.0.3/32    trust", "host    all    omm    10.0.0.31/32    trust"], file.Lines);
        Assert.Single(file.Rules());
    }

    [Fact]
    public void Gs_dropnode_6_0_3_passing_the_full_rule_leaves_the_rule_in_place()
    {
        // reference 7.3.1 / open question 6: the kit treats a full rule as add-or-replace.
        var file = new HbaFile(["host    all    omm    10.0.0.3/32    trust"]);
        file.Apply(HbaRule.Parse("host    all    omm    10.0.0.3/32    trust"));
        Assert.Equal(["host    all    omm    10.0.0.3/32    trust"], file.Lines);
    }

    [Fact]
    public void Replconninfo_is_parsed_and_the_peer_data_port_is_the_ha_port_minus_one()
    {
        var info = ReplConnInfo.Parse("localhost=192.168.0.3 localport=15401 localheartbeatport=15405 localservice=15404 remotehost=192.168.0.1 remoteport=15401 remoteheartbeatport=15405 remoteservice=15404");
        Assert.Equal(("192.168.0.1", 15401, 15400, "192.168.0.3", false), (info.RemoteHost, info.RemotePort, info.RemoteDataPort, info.LocalHost, info.IsCascade));
        Assert.Equal(
            "localhost=192.168.0.3 localport=15401 localheartbeatport=15405 localservice=15404 remotehost=192.168.0.1 remoteport=15401 remoteheartbeatport=15405 remoteservice=15404 iscascade=true",
            info.WithCascade(true).ToString());
        Assert.True(info.WithCascade(true).IsCascade);
        Assert.Equal(info.ToString(), info.WithCascade(true).WithCascade(false).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost=1.2.3.4")]
    [InlineData("remotehost=1.2.3.4 remoteport=x")]
    [InlineData("remotehost")]
    public void Incomplete_replconninfo_values_are_not_entries(string value) => Assert.Null(ReplConnInfo.TryParse(value));

    [Fact]
    public void Read_all_skips_cleared_entries()
    {
        var file = new ConfFile(["replconninfo1 = 'remotehost=10.0.0.2 remoteport=15401'", "replconninfo2 = ''", "#replconninfo3 = 'remotehost=10.0.0.4 remoteport=15401'", "replconninfo4 = 'remotehost=10.0.0.5 remoteport=15401'"]);
        Assert.Equal([1, 4], ReplConnInfo.ReadAll(file).Select(e => e.Index).ToArray());
    }

    [Fact]
    public void Refreshconf_sets_iscascade_exactly_on_entries_to_cascade_hosts()
    {
        var entries = new List<(int, ReplConnInfo)>
        {
            (1, ReplConnInfo.Parse("remotehost=10.0.0.1 remoteport=15401")),
            (2, ReplConnInfo.Parse("remotehost=10.0.0.3 remoteport=15401")),
            (3, ReplConnInfo.Parse("remotehost=10.0.0.4 remoteport=15401 iscascade=true")),
        };
        var changes = CascadeFlags.Changes(entries, new HashSet<string>(["10.0.0.3"], StringComparer.Ordinal));
        Assert.Equal(
            [(2, "remotehost=10.0.0.3 remoteport=15401 iscascade=true"), (3, "remotehost=10.0.0.4 remoteport=15401")],
            changes.Select(c => (c.Index, c.Info.ToString())).ToArray());
    }
}
