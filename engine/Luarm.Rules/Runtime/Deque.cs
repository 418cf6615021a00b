namespace Luarm.Rules.Runtime;

/// <summary>
/// A list that adds at the end and drops from the front in O(1), as a window's facts
/// arrive (mostly in time order) and expire (oldest first); inserting or removing
/// elsewhere moves the elements after it, as a list does. Elements are returned by
/// reference, so a struct element can be changed in place.
/// </summary>
internal sealed class Deque<T>
{
    private T[] _items = new T[4];
    private int _head;

    public int Count { get; private set; }

    public ref T this[int index] => ref _items[_head + index];

    public void Insert(int index, T item)
    {
        if (index == 0 && _head > 0)
        {
            _items[--_head] = item;
            Count++;
            return;
        }
        MakeRoomAtEnd();
        var at = _head + index;
        Array.Copy(_items, at, _items, at + 1, Count - index);
        _items[at] = item;
        Count++;
    }

    public void RemoveAt(int index)
    {
        var at = _head + index;
        if (index == 0)
        {
            _head++;
        }
        else
        {
            Array.Copy(_items, at + 1, _items, at, Count - index - 1);
            at = _head + Count - 1;
        }
        _items[at] = default!;
        Count--;
        if (Count == 0)
        {
            _head = 0;
        }
    }

    /// <summary>Moves the elements to the front when half the array lies before them, else doubles it.</summary>
    private void MakeRoomAtEnd()
    {
        if (_head + Count < _items.Length)
        {
            return;
        }
        var target = _head >= _items.Length / 2 ? _items : new T[_items.Length * 2];
        Array.Copy(_items, _head, target, 0, Count);
        if (target == _items)
        {
            Array.Clear(_items, Count, _head);
        }
        _items = target;
        _head = 0;
    }
}
