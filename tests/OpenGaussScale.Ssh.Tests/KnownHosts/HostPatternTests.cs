using OpenGaussScale.Ssh.KnownHosts;

namespace OpenGaussScale.Ssh.Tests.KnownHosts;

public sealed class HostPatternTests
{
    [Theory]
    [InlineData("10.0.0.5", 22, "10.0.0.5")]
    [InlineData("10.0.0.5", 2222, "[10.0.0.5]:2222")]
    [InlineData("ognode1", 22, "ognode1")]
    public void The_lookup_name_has_brackets_and_port_only_for_other_ports(string host, int port, string expected)
    {
        Assert.Equal(expected, HostPattern.LookupName(host, port));
    }

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", true)]
    [InlineData("10.0.0.5", "10.0.0.50", false)]
    [InlineData("ognode1,10.0.0.5", "10.0.0.5", true)]
    [InlineData("OGNODE1", "ognode1", true)]
    [InlineData("10.0.0.*", "10.0.0.17", true)]
    [InlineData("10.0.0.?", "10.0.0.7", true)]
    [InlineData("10.0.0.?", "10.0.0.17", false)]
    [InlineData("*", "[10.0.0.5]:2222", true)]
    [InlineData("[10.0.0.5]:2222", "[10.0.0.5]:2222", true)]
    [InlineData("[10.0.0.5]:2222", "10.0.0.5", false)]
    [InlineData("10.0.0.5", "[10.0.0.5]:2222", false)]
    [InlineData("[10.0.0.*]:2222", "[10.0.0.9]:2222", true)]
    [InlineData("10.0.0.*,!10.0.0.13", "10.0.0.13", false)]
    [InlineData("10.0.0.*,!10.0.0.13", "10.0.0.12", true)]
    [InlineData("!10.0.0.13,*", "10.0.0.13", false)]
    [InlineData("!10.0.0.13", "10.0.0.12", false)]
    [InlineData("", "10.0.0.5", false)]
    public void Pattern_lists_match_like_openssh(string patterns, string name, bool expected)
    {
        Assert.Equal(expected, HostPattern.MatchesList(patterns, name));
    }

    [Theory]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("**", "", true)]
    [InlineData("?", "", false)]
    public void Glob_handles_several_stars(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, HostPattern.Glob(pattern, text));
    }

    [Fact]
    public void Hashed_names_match_only_the_name_they_were_made_from()
    {
        var ognode1 = TestKeys.HashedOgnode1.Split(' ')[0];
        var port2222 = TestKeys.HashedPort2222.Split(' ')[0];

        Assert.True(HostPattern.MatchesHashed(ognode1, "ognode1"));
        Assert.True(HostPattern.MatchesHashed(ognode1, "OGNODE1"));
        Assert.False(HostPattern.MatchesHashed(ognode1, "ognode2"));
        Assert.True(HostPattern.MatchesHashed(port2222, "[10.0.0.5]:2222"));
        Assert.False(HostPattern.MatchesHashed(port2222, "10.0.0.5"));
        Assert.False(HostPattern.MatchesHashed("|1|not base64|x", "ognode1"));
    }
}
