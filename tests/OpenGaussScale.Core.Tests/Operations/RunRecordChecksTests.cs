using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.State;

namespace OpenGaussScale.Core.Tests.Operations;

/// <summary>resume goes on only with recorded values the command line would take.</summary>
public sealed class RunRecordChecksTests
{
    private static readonly RunRecord Run = new()
    {
        Operation = RunRecord.Expand,
        Engine = "postgresql",
        Xml = "/x/c.xml",
        Hosts = ["10.0.0.2"],
        User = "omm",
        Group = "dbgrp",
        LocalMode = false,
        TimeoutSeconds = 300,
        Parallelism = 3,
        EnvironmentFile = "~/.bashrc",
        ControlHost = "ctl",
        RunningUser = "root",
        Pid = 1,
    };

    [Fact]
    public void A_record_ogscale_wrote_has_no_problem()
    {
        Assert.Empty(RunRecordChecks.Problems(Run, xml: null));
    }

    [Fact]
    public void Each_value_the_command_line_would_refuse_is_named_by_its_option()
    {
        var edited = Run with
        {
            User = "root",
            Group = "db;grp",
            Hosts = ["10.0.0.2$(id)"],
            TimeoutSeconds = 0,
            Parallelism = 0,
            Engine = "mysql",
            HbaMethod = "md5",
            EnvironmentFile = "/tmp/env`id`",
        };

        var problems = RunRecordChecks.Problems(edited, "/nonexistent/c.xml").ToList();

        Assert.Equal(
            [
                "-U root: the cluster's user cannot be root (GAUSS-50301); give the cluster's OS user, e.g. omm",
                "the value 'db;grp' of -G contains ';', which is not allowed in a host, user or group",
                "-X: the file '/nonexistent/c.xml' does not exist",
                "the value '10.0.0.2$(id)' of -h contains '$', which is not allowed in a host, user or group",
                "the value of --time-out must be an integer from 1 to 2147483646 (GAUSS-50004)",
                "--parallel must be at least 1",
                "--engine must be opengauss or postgresql, not 'mysql'",
                "--hba-method must be trust or sha256, not 'md5'",
                "--env-file '/tmp/env`id`' contains '`', which is not allowed in the environment file's path",
            ],
            problems);
    }

    [Fact]
    public void A_record_with_no_host_is_gauss_35701()
    {
        Assert.Equal(["-h names no host (GAUSS-35701): give the hosts' backIp1 addresses, comma-separated"], RunRecordChecks.Problems(Run with { Hosts = [] }, null));
    }
}
