using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Os;
using OpenGaussScale.Playground.Text;

namespace OpenGaussScale.Playground.Tests;

public sealed class NftRulesetTextTests
{
    [Fact]
    public void Each_host_cgroup_is_marked_in_output_and_snatted_to_its_address_in_postrouting()
    {
        var text = NftRulesetText.Build(
            [(new PlaygroundHost(1, 22), "unified/ogscale-playground/ognode1"), (new PlaygroundHost(2, 22), "unified/ogscale-playground/ognode2")],
            level: 2);

        Assert.Equal(
            """
            table ip ogscale_playground {
            	chain mark_hosts {
            		type filter hook output priority mangle; policy accept;
            		ip daddr 127.0.0.0/8 socket cgroupv2 level 2 "unified/ogscale-playground/ognode1" meta mark set 0x6f67000b
            		ip daddr 127.0.0.0/8 socket cgroupv2 level 2 "unified/ogscale-playground/ognode2" meta mark set 0x6f67000c
            	}
            	chain snat_hosts {
            		type nat hook postrouting priority srcnat; policy accept;
            		oifname "lo" meta mark 0x6f67000b snat to 127.0.0.11
            		oifname "lo" meta mark 0x6f67000c snat to 127.0.0.12
            	}
            }

            """,
            text);
    }

    [Fact]
    public void Every_closing_brace_is_on_its_own_line()
    {
        var text = NftRulesetText.Build([(new PlaygroundHost(1, 22), "x/ognode1")], 2);

        Assert.All(text.Split('\n').Where(l => l.Contains('}', StringComparison.Ordinal)), l => Assert.Equal("}", l.Trim()));
    }

    [Theory]
    [InlineData("/sys/fs/cgroup/unified", "/sys/fs/cgroup/unified/ogscale-playground/ognode1", "unified/ogscale-playground/ognode1", 2)]
    [InlineData("/sys/fs/cgroup", "/sys/fs/cgroup/ogscale-playground/ognode1", "ogscale-playground/ognode1", 2)]
    public void The_cgroup_path_is_relative_to_sys_fs_cgroup_and_the_level_to_the_cgroup2_root(string root, string cgroup, string nftPath, int level)
    {
        Assert.Equal(nftPath, Cgroups.NftPath(cgroup));
        Assert.Equal(level, Cgroups.Level(root, cgroup));
    }
}
