using Luarm.Agent.Pipeline;

namespace Luarm.Agent.Tests;

/// <summary>The enrichment stage's hand-off between collector threads and its forwarder.</summary>
public sealed class BlockingQueueTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public void Items_from_several_adders_are_taken_once_each_in_the_order_each_added_them()
    {
        var queue = new BlockingQueue<(int Adder, int Item)>(capacity: 16);
        var adders = Enumerable.Range(0, 4).Select(adder => new Thread(() =>
        {
            for (var item = 0; item < 5_000; item++)
            {
                queue.Add((adder, item));
            }
        })).ToArray();
        var taken = new List<(int Adder, int Item)>();
        var taker = new Thread(() =>
        {
            while (queue.TryTake(out var next))
            {
                taken.Add(next);
            }
        });
        taker.Start();
        foreach (var adder in adders)
        {
            adder.Start();
        }
        foreach (var adder in adders)
        {
            Assert.True(adder.Join(Within), "an adder is stuck");
        }
        queue.CompleteAdding();
        Assert.True(taker.Join(Within), "the taker is stuck");

        Assert.Equal(20_000, taken.Count);
        foreach (var adder in taken.GroupBy(t => t.Adder))
        {
            Assert.Equal(Enumerable.Range(0, 5_000), adder.Select(t => t.Item));
        }
    }

    [Fact]
    public void A_full_queue_holds_its_adder_until_an_item_is_taken()
    {
        var queue = new BlockingQueue<int>(capacity: 2);
        queue.Add(1);
        queue.Add(2);
        var third = new Thread(() => queue.Add(3));
        third.Start();

        Assert.False(third.Join(TimeSpan.FromMilliseconds(300)), "the adder went past a full queue");
        Assert.True(queue.TryTake(out var first));
        Assert.True(third.Join(Within), "the adder was not let in");
        Assert.Equal((1, 2), (first, queue.Count));
    }

    [Fact]
    public void Completing_drains_what_is_queued_then_wakes_a_waiting_taker_and_refuses_adders()
    {
        var queue = new BlockingQueue<int>(capacity: 4);
        queue.Add(7);
        queue.CompleteAdding();

        Assert.True(queue.TryTake(out var left));
        Assert.Equal(7, left);
        Assert.False(queue.TryTake(out _));
        Assert.Throws<InvalidOperationException>(() => queue.Add(8));

        var empty = new BlockingQueue<int>(capacity: 4);
        var result = true;
        var waiting = new Thread(() => result = empty.TryTake(out _));
        waiting.Start();
        Thread.Sleep(100);
        empty.CompleteAdding();
        Assert.True(waiting.Join(Within), "a waiting taker was not woken by the completion");
        Assert.False(result);
    }
}
