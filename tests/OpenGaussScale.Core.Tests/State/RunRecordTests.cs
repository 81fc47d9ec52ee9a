using OpenGaussScale.Core.State;
using System.Text.Json;

namespace OpenGaussScale.Core.Tests.State;

/// <summary>
/// The journal's run record is written and read as one type. The lines below are what the ogscale before this type
/// wrote for an expand and a dropnode: they still read, and a record written now is the same bytes.
/// </summary>
public sealed class RunRecordTests
{
    private const string ExpandLine = """{"operation":"expand","engine":"opengauss","xml":"/x/c.xml","hosts":["10.0.0.2"],"user":"omm","group":"dbgrp","localMode":false,"packageDirectory":"/opt/pkg","timeoutSeconds":300,"parallelism":3,"environmentFile":"~/.bashrc","controlHost":"ctl","runningUser":"root","pid":42,"primaryJournal":"/og/ogscale-journal/expand-1.jsonl","hbaMethod":"sha256"}""";

    private const string DropnodeLine = """{"operation":"dropnode","engine":"opengauss","topology":"live cluster (gs_om -t status --detail)","hosts":["10.0.0.3"],"user":"omm","group":"dbgrp","restartPrimary":true,"timeoutSeconds":60,"environmentFile":"/home/omm/env","controlHost":"node1","runningUser":"omm","pid":7,"primaryJournal":"/og/ogscale-journal/dropnode-1.jsonl"}""";

    [Theory]
    [InlineData(ExpandLine)]
    [InlineData(DropnodeLine)]
    public void A_record_reads_back_typed_and_writes_the_same_bytes(string line)
    {
        var record = RunRecord.Read(JsonDocument.Parse(line).RootElement, "j.jsonl");

        Assert.Equal(line, JsonSerializer.Serialize(record, JournalEntry.Json));
    }

    [Fact]
    public void The_fields_of_each_operation_are_typed()
    {
        var expand = RunRecord.Read(JsonDocument.Parse(ExpandLine).RootElement, "j.jsonl");
        var dropnode = RunRecord.Read(JsonDocument.Parse(DropnodeLine).RootElement, "j.jsonl");

        Assert.Equal(("/x/c.xml", 3, "sha256", 42), (expand.XmlFile, expand.Parallelism, expand.HbaMethod, expand.Pid));
        Assert.Null(dropnode.XmlFile);
        Assert.True(dropnode.RestartPrimary);
        Assert.Equal(["10.0.0.3"], dropnode.Hosts);
    }

    [Theory]
    [InlineData("\"user\":\"omm\",", "user")]
    [InlineData("\"timeoutSeconds\":300,", "timeoutSeconds")]
    [InlineData("\"parallelism\":3,", "parallelism")]
    [InlineData("\"xml\":\"/x/c.xml\",", "xml")]
    public void A_record_without_a_field_of_its_operation_is_refused_never_read_as_empty(string cut, string field)
    {
        var line = ExpandLine.Replace(cut, "", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => RunRecord.Read(JsonDocument.Parse(line).RootElement, "j.jsonl"));

        Assert.StartsWith("j.jsonl: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_renamed_field_or_a_null_where_a_value_belongs_is_refused()
    {
        var renamed = ExpandLine.Replace("\"user\":", "\"clusterUser\":", StringComparison.Ordinal);
        var nulled = DropnodeLine.Replace("\"group\":\"dbgrp\"", "\"group\":null", StringComparison.Ordinal);

        Assert.Throws<InvalidDataException>(() => RunRecord.Read(JsonDocument.Parse(renamed).RootElement, "j.jsonl"));
        Assert.Throws<InvalidDataException>(() => RunRecord.Read(JsonDocument.Parse(nulled).RootElement, "j.jsonl"));
    }

    [Fact]
    public void Another_operation_is_named_in_the_refusal()
    {
        var status = ExpandLine.Replace("\"expand\"", "\"status\"", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => RunRecord.Read(JsonDocument.Parse(status).RootElement, "j.jsonl"));

        Assert.Equal("j.jsonl: the journal records a 'status' run; resume and rollback know expand and dropnode", error.Message);
    }
}
