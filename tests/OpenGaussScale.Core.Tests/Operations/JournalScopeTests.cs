using OpenGaussScale.Core.Operations;
using OpenGaussScale.Core.State;
using OpenGaussScale.Core.Tests.Fakes;

namespace OpenGaussScale.Core.Tests.Operations;

/// <summary>
/// A rollback removes, as root, what the journal says ogscale created on the new hosts: only paths the XML gives those
/// hosts may be named; a journal edited to name /etc (or another host, or root as the cluster user) is refused.
/// </summary>
public sealed class JournalScopeTests
{
    private static readonly OpenGaussScale.Core.Config.ClusterConfig Cluster = TestContexts.Cluster("10.0.0.1", "10.0.0.2", "10.0.0.3");

    // An expand journal of 10.0.0.2 by USER with the given changes (JSON objects of the "change" field).
    private static JournalFile Journal(string user, params string[] changes)
    {
        string Line(string @event, string rest) => "{\"t\":\"2026-11-26T01:00:00+00:00\",\"event\":\"" + @event + "\",\"runId\":\"expand-1\"," + rest + "}";
        List<string> lines =
        [
            Line("run", "\"data\":{\"operation\":\"expand\",\"engine\":\"opengauss\",\"xml\":\"/x/c.xml\",\"hosts\":[\"10.0.0.2\"],\"user\":\"" + user + "\",\"group\":\"dbgrp\",\"localMode\":false,\"packageDirectory\":\"/opt/pkg\",\"timeoutSeconds\":300,\"parallelism\":3,\"environmentFile\":\"~/.bashrc\",\"controlHost\":\"ctl\",\"runningUser\":\"root\",\"pid\":1}"),
            .. changes.Select(c => Line("change", "\"step\":\"preinstall@10.0.0.2\",\"change\":" + c)),
        ];
        return JournalFile.Parse("expand-1.jsonl", lines);
    }

    private static string Created(string host, string path) => "{\"kind\":\"directory\",\"host\":\"" + host + "\",\"path\":\"" + path + "\",\"newValue\":\"created\"}";

    [Fact]
    public void What_an_expand_journals_on_its_new_host_agrees_with_the_xml()
    {
        var journal = Journal("omm",
            Created("10.0.0.2", "/opt/data/dn"), Created("10.0.0.2", "/opt/app"), Created("10.0.0.2", "/var/log/omm/"), Created("10.0.0.2", "/opt/pkg"),
            "{\"kind\":\"data-copy\",\"host\":\"10.0.0.2\",\"path\":\"/opt/data/dn\"}",
            "{\"kind\":\"setting\",\"host\":\"10.0.0.1\",\"name\":\"replconninfo2\",\"oldValue\":\"\",\"newValue\":\"x\"}");

        Assert.Empty(JournalScope.Disagreements(journal, Cluster));
    }

    [Theory]
    [InlineData("/etc")]
    [InlineData("/opt/data/dn/../../../etc")]
    [InlineData("/")]
    [InlineData("/home/omm")]
    public void A_directory_the_xml_does_not_give_the_new_host_is_refused(string path)
    {
        var problems = JournalScope.Disagreements(Journal("omm", Created("10.0.0.2", path)), Cluster);

        var problem = Assert.Single(problems);
        Assert.StartsWith($"preinstall@10.0.0.2: the journal asks to remove {path} on 10.0.0.2, which is none of the paths the XML gives that host (/opt/data/dn, /opt/app", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removal_on_a_host_the_run_was_not_adding_is_refused()
    {
        // The primary's data directory has the same path as the new host's: the host decides.
        var problems = JournalScope.Disagreements(Journal("omm", Created("10.0.0.1", "/opt/data/dn"), "{\"kind\":\"data-copy\",\"host\":\"10.0.0.3\",\"path\":\"/opt/data/dn\"}"), Cluster);

        Assert.Equal(
            [
                "preinstall@10.0.0.2: the journal asks to remove /opt/data/dn on 10.0.0.1, which is not a host this run was adding",
                "preinstall@10.0.0.2: the journal asks to remove /opt/data/dn on 10.0.0.3, which is not a host this run was adding",
            ],
            problems);
    }

    [Fact]
    public void A_data_copy_elsewhere_than_the_data_directory_is_refused()
    {
        var problems = JournalScope.Disagreements(Journal("omm", "{\"kind\":\"data-copy\",\"host\":\"10.0.0.2\",\"path\":\"/opt/app\"}"), Cluster);

        Assert.Contains("which is none of the paths the XML gives that host (/opt/data/dn)", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("")]
    public void Root_or_nobody_as_the_cluster_user_is_refused(string user)
    {
        Assert.Equal([$"the journal names '{user}' as the cluster user; a cluster user is never root or empty"], JournalScope.Disagreements(Journal(user), Cluster));
    }

    [Fact]
    public void A_cluster_user_that_minus_u_would_refuse_is_refused()
    {
        Assert.Equal(
            ["the journal names '-oProxyCommand=x' as the cluster user, which starts with '-'; -U takes a letter or '_' first, then letters, digits, '_', '.' or '-', at most 32 characters"],
            JournalScope.Disagreements(Journal("-oProxyCommand=x"), Cluster));
    }
}
