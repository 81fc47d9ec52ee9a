using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Text;

namespace OpenGaussScale.Playground.Tests;

public sealed class AccountTextTests
{
    private const string Passwd = "root:x:0:0:root:/root:/bin/bash\nsshd:x:102:65534::/run/sshd:/usr/sbin/nologin\nu:x:2000:2000::/home/u:/bin/sh\n";
    private const string Group = "root:x:0:\nshadow:x:42:\nusers:x:100:u,omm\ng:x:2001:\n";
    private const string Shadow = "root:*:19000:0:99999:7:::\n";
    private const string OsRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nID=debian\n";

    [Fact]
    public void The_host_copies_add_omm_and_dbgrp_with_ids_the_real_machine_does_not_use()
    {
        var accounts = HostAccounts.From(Passwd, Group, Shadow, OsRelease);

        Assert.Equal(2001, accounts.OmmUid);
        Assert.Equal(2000, accounts.DbGroupGid);
        Assert.Equal(42, accounts.ShadowGid);
        Assert.EndsWith("omm:x:2001:2000::/home/omm:/bin/bash\n", accounts.Passwd, StringComparison.Ordinal);
        Assert.EndsWith("dbgrp:x:2000:\n", accounts.Group, StringComparison.Ordinal);
        Assert.Contains("users:x:100:u\n", accounts.Group, StringComparison.Ordinal);
        Assert.Matches(@"\nomm:\*:\d+:0:99999:7:::\n$", accounts.Shadow);
        Assert.StartsWith(Passwd, accounts.Passwd, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_omm_entry_of_the_real_machine_is_replaced_not_duplicated()
    {
        var accounts = HostAccounts.From(Passwd + "omm:x:1500:1500::/home/omm:/bin/sh\n", Group + "dbgrp:x:1500:\n", Shadow + "omm:!:1::::::\n", OsRelease);

        Assert.Single(accounts.Passwd.Split('\n'), l => l.StartsWith("omm:", StringComparison.Ordinal));
        Assert.Single(accounts.Group.Split('\n'), l => l.StartsWith("dbgrp:", StringComparison.Ordinal));
        Assert.Single(accounts.Shadow.Split('\n'), l => l.StartsWith("omm:*:", StringComparison.Ordinal));
    }

    [Fact]
    public void Removing_a_user_and_a_member_keeps_everything_else()
    {
        Assert.Equal("root:x:0:0:root:/root:/bin/bash\nsshd:x:102:65534::/run/sshd:/usr/sbin/nologin\n", AccountText.RemoveEntry(Passwd, "u"));
        Assert.Equal("root:x:0:\nshadow:x:42:\nusers:x:100:omm\ng:x:2001:\n", AccountText.RemoveMember(Group, "u"));
    }

    [Fact]
    public void The_primary_group_is_the_fourth_field()
    {
        Assert.Contains("u:x:2000:100::/home/u:/bin/sh\n", AccountText.SetPrimaryGid(Passwd, "u", 100), StringComparison.Ordinal);
        Assert.Equal(100, AccountText.GroupId(Group, "users"));
        Assert.Null(AccountText.GroupId(Group, "nope"));
    }

    [Fact]
    public void Version_id_is_replaced_in_place_or_appended()
    {
        Assert.Equal("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"22.03\"\nID=debian\n", AccountText.SetVersionId(OsRelease, "22.03"));
        Assert.Equal("ID=x\nVERSION_ID=\"1\"\n", AccountText.SetVersionId("ID=x\n", "1"));
        Assert.Equal("12", AccountText.VersionId(OsRelease));
    }

    [Fact]
    public void A_free_id_skips_every_used_one()
    {
        Assert.Equal(2002, AccountText.FreeId(2000, Passwd, Group));
    }
}
