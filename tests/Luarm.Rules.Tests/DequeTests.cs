using Luarm.Rules.Runtime;

namespace Luarm.Rules.Tests;

public sealed class DequeTests
{
    [Fact]
    public void Behaves_as_a_list_under_any_mix_of_inserts_and_removals()
    {
        var random = new Random(3);
        var deque = new Deque<int>();
        var list = new List<int>();
        for (var step = 0; step < 20_000; step++)
        {
            var choice = random.Next(10);
            if (list.Count > 0 && choice < 4)
            {
                // Mostly the oldest, as windows expire.
                var index = choice < 3 ? 0 : random.Next(list.Count);
                deque.RemoveAt(index);
                list.RemoveAt(index);
            }
            else
            {
                var index = choice < 8 ? list.Count : random.Next(list.Count + 1);
                deque.Insert(index, step);
                list.Insert(index, step);
            }
            Assert.Equal(list.Count, deque.Count);
            if (step % 97 == 0)
            {
                Assert.Equal(list, Enumerable.Range(0, deque.Count).Select(i => deque[i]));
            }
        }
        deque[0] = -1;
        Assert.Equal(-1, deque[0]);
    }
}
