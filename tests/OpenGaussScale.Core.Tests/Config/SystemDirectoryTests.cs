using OpenGaussScale.Core.Config;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>
/// No cluster path may be the root or a system directory (issue 14, item 11): preinstall chowns each to the cluster
/// user and a rollback removes what a run created. Compared after normalising; deeper paths stay valid.
/// </summary>
public sealed class SystemDirectoryTests
{
    public static TheoryData<string> Directories => [.. PathRule.SystemDirectories];

    [Theory]
    [MemberData(nameof(Directories))]
    public void Each_system_directory_is_refused_in_every_spelling(string directory)
    {
        foreach (var spelling in new[] { directory, directory + "/", "/" + directory, directory + "/.", directory + "//", $"/opt/..{directory}" })
        {
            var check = PathRule.Check(spelling);
            Assert.True(check is not null, $"{spelling} was accepted");
            Assert.Equal($"is the system directory {directory}", check.Value.Problem);
            Assert.StartsWith("give a directory of the cluster's own", check.Value.Hint, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_list_holds_every_directory_the_issue_names()
    {
        string[] named = ["/bin", "/boot", "/dev", "/etc", "/lib", "/proc", "/root", "/sbin", "/sys", "/tmp", "/usr", "/var"];
        Assert.All(named, d => Assert.Contains(d, PathRule.SystemDirectories));
        Assert.Equal(("is the root directory", "name the directory itself, e.g. /opt/huawei/install/data/dn"), PathRule.Check("/"));
    }

    [Theory]
    [InlineData("/usr/local/og")]
    [InlineData("/var/log/omm")]
    [InlineData("/tmp/og")]
    [InlineData("/home/omm/data")]
    [InlineData("/opt")]
    [InlineData("/users")]
    [InlineData("/variable")]
    public void Paths_below_or_beside_a_system_directory_are_accepted(string path)
    {
        Assert.Null(PathRule.Check(path));
    }
}
