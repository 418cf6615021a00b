using System.Globalization;
using Luarm.Store.Access;

namespace Luarm.Store.Tests;

/// <summary>The stored text form of a time, written and read back.</summary>
public sealed class StoreTimeTests
{
    [Fact]
    public void Every_written_time_reads_back_to_the_same_utc_microsecond()
    {
        var random = new Random(7);
        var times = Enumerable.Range(0, 2000)
            .Select(_ => new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc))
            .Concat([DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999)]);
        foreach (var time in times)
        {
            var text = StoreTime.ToText(time);
            Assert.True(StoreTime.TryParseText(text, out var read), text);
            Assert.Equal(StoreTime.Truncate(time), read);
            Assert.Equal(DateTimeKind.Utc, read.Kind);
            Assert.Equal(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), read);
        }
    }

    [Theory]
    [InlineData("2011-02-30 07:12:00.000000")]
    [InlineData("2011-13-01 07:12:00.000000")]
    [InlineData("2011-02-05 24:00:00.000000")]
    [InlineData("0000-01-01 00:00:00.000000")]
    [InlineData("2011-02-05 07:12:00")]
    [InlineData("2011-02-05T07:12:00.000000")]
    [InlineData("2011-02-05 07:12:0x.000000")]
    [InlineData("not a time at all, really")]
    public void Other_shapes_and_impossible_dates_are_left_to_the_general_parser(string text) =>
        Assert.False(StoreTime.TryParseText(text, out _));
}
