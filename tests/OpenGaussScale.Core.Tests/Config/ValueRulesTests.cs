using OpenGaussScale.Core.Config;
using System.Net.Sockets;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>The single-value rules: IP addresses, host names, paths, and the unsafe-character exemptions.</summary>
public sealed class ValueRulesTests
{
    [Theory]
    [InlineData("192.168.0.1", "192.168.0.1", AddressFamily.InterNetwork)]
    [InlineData("127.0.0.10", "127.0.0.10", AddressFamily.InterNetwork)]
    [InlineData("0.0.0.1", "0.0.0.1", AddressFamily.InterNetwork)]
    [InlineData("fd00::1", "fd00::1", AddressFamily.InterNetworkV6)]
    [InlineData("FD00:0000:0000:0000:0000:0000:0000:0001", "fd00::1", AddressFamily.InterNetworkV6)]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", AddressFamily.InterNetworkV6)]
    [InlineData("::1", "::1", AddressFamily.InterNetworkV6)]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1", AddressFamily.InterNetworkV6)]
    public void Valid_addresses_are_normalised(string text, string normalized, AddressFamily family)
    {
        var ip = IpAddressRule.Parse(text, "backIp1", 3, out var problem);
        Assert.Null(problem);
        Assert.Equal((normalized, family), (ip!.Normalized, ip.Family));
    }

    [Theory]
    [InlineData("1.2.3", "is not a valid IP address")]
    [InlineData("1.2.3.4.5", "is not a valid IP address")]
    [InlineData("01.2.3.4", "is not a valid IP address")]
    [InlineData("1.2.3.256", "is not a valid IP address")]
    [InlineData("0x7f.0.0.1", "is not a valid IP address")]
    [InlineData("2130706433", "is not a valid IP address")]
    [InlineData(" 1.2.3.4", "is not a valid IP address")]
    [InlineData("fe80::1%eth0", "is not a valid IP address")]
    [InlineData("fe80::1%2", "is not a valid IP address")]
    [InlineData("[fd00::1]", "is not a valid IP address")]
    [InlineData("::ffff:01.2.3.4", "is not a valid IP address")]
    [InlineData("fd00:::1", "is not a valid IP address")]
    [InlineData("node1", "is not a valid IP address")]
    [InlineData("", "is not a valid IP address")]
    [InlineData("0.0.0.0", "is not a host address (unspecified, broadcast or multicast)")]
    [InlineData("255.255.255.255", "is not a host address (unspecified, broadcast or multicast)")]
    [InlineData("239.1.1.1", "is not a host address (unspecified, broadcast or multicast)")]
    [InlineData("::", "is not a host address (unspecified, broadcast or multicast)")]
    [InlineData("ff02::1", "is not a host address (unspecified, broadcast or multicast)")]
    public void Ambiguous_or_non_host_addresses_are_refused(string text, string expected)
    {
        Assert.Null(IpAddressRule.Parse(text, "backIp1", 3, out var problem));
        Assert.Equal(expected, problem);
    }

    [Theory]
    [InlineData("node1")]
    [InlineData("db-01.example.com")]
    [InlineData("A")]
    [InlineData("123")]
    [InlineData("node1_hostname")]
    public void Rfc_1123_host_names_are_accepted(string name)
    {
        Assert.Null(HostNameRule.Problem(name));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("-node", "a label starts or ends with '-'")]
    [InlineData("node-", "a label starts or ends with '-'")]
    [InlineData("a..b", "it has an empty label (a leading, trailing or doubled '.')")]
    [InlineData(".a", "it has an empty label (a leading, trailing or doubled '.')")]
    [InlineData("node 1", "it contains a space")]
    [InlineData("node@1", "it contains '@'")]
    [InlineData("nöde", "it contains 'ö'")]
    public void Other_host_names_are_refused_with_the_reason(string name, string expected)
    {
        Assert.Equal(expected, HostNameRule.Problem(name));
    }

    [Fact]
    public void Host_name_lengths_follow_rfc_1123()
    {
        Assert.Null(HostNameRule.Problem(new string('a', 63)));
        Assert.Equal("a label is longer than 63 characters", HostNameRule.Problem(new string('a', 64)));
        Assert.Equal("it is longer than 253 characters", HostNameRule.Problem(string.Join('.', Enumerable.Repeat(new string('a', 63), 4))));
    }

    [Theory]
    [InlineData("/opt/og/data/dn")]
    [InlineData("/a")]
    [InlineData("/opt/og-1/data_2/dn.3")]
    public void Absolute_normalised_paths_are_accepted(string path)
    {
        Assert.Null(PathRule.Check(path));
    }

    [Theory]
    [InlineData("", "is empty", "write an absolute directory, e.g. /opt/huawei/install/data/dn")]
    [InlineData("data/dn", "is not an absolute path", "write the full path, starting with /")]
    [InlineData("~/dn", "is not an absolute path", "write the full path, starting with /")]
    [InlineData("/", "is the root directory", "name the directory itself, e.g. /opt/huawei/install/data/dn")]
    [InlineData("//", "is the root directory", "name the directory itself, e.g. /opt/huawei/install/data/dn")]
    [InlineData("/a/../..", "is the root directory", "name the directory itself, e.g. /opt/huawei/install/data/dn")]
    [InlineData("/a b", "contains whitespace", "choose a directory without spaces (openGauss's scripts do not quote paths)")]
    public void Other_paths_are_refused_with_the_fix(string path, string problem, string hint)
    {
        Assert.Equal((problem, hint), PathRule.Check(path));
    }

    // openGauss-OM takes os.path.normpath of every directory it reads (PathRule.Normalize cites the lines), so these
    // are accepted as the directory they name; the expected values are what python3's os.path.normpath gives, except
    // "//a" (normpath keeps exactly two leading slashes; Linux names the same directory).
    [Theory]
    [InlineData("/a/../b", "/b")]
    [InlineData("/a/./b", "/a/b")]
    [InlineData("/a//b", "/a/b")]
    [InlineData("/a/b/", "/a/b")]
    [InlineData("/a/b//", "/a/b")]
    [InlineData("/a/./b/../c/", "/a/c")]
    [InlineData("/../a", "/a")]
    [InlineData("///a/b", "/a/b")]
    [InlineData("//a", "/a")]
    public void Unnormalised_paths_are_accepted_and_normalised_as_openGauss_does(string path, string normalized)
    {
        Assert.Null(PathRule.Check(path));
        Assert.Equal(normalized, PathRule.Normalize(path));
    }

    [Fact]
    public void The_length_limit_applies_to_the_normalised_path()
    {
        Assert.Null(PathRule.Check("/" + new string('a', 1022) + "/"));
        Assert.Null(PathRule.Check("/a/../" + new string('a', 1022)));
    }

    [Fact]
    public void Paths_longer_than_the_static_config_field_are_refused()
    {
        Assert.Null(PathRule.Check("/" + new string('a', 1022)));
        Assert.Equal("is longer than 1023 characters", PathRule.Check("/" + new string('a', 1023))?.Problem);
    }

    [Theory]
    [InlineData("syncNode_node1", "ANY 1(node2,node3)", null)]
    [InlineData("syncNode_node1", "ANY 1(node2,node3);id", ';')]
    [InlineData("syncNode_node1", "FIRST 1(node2) `id`", '`')]
    [InlineData("dcf_config", "[{\"stream_id\":1,\"node_id\":1,\"ip\":\"10.0.0.1\",\"port\":16683,\"role\":\"LEADER\"}]", null)]
    [InlineData("dcf_config", "[{\"ip\":\"$(id)\"}]", '$')]
    [InlineData("clusterName", "c(1)", '(')]
    [InlineData("clusterName", "c\"1", '"')]
    [InlineData("clusterName", "c\u00071", '\u0007')]
    public void Only_the_documented_parameters_may_hold_their_syntax_characters(string name, string value, char? expected)
    {
        Assert.Equal(expected, UnsafeValueRule.FindUnsafe(name, value));
    }
}
