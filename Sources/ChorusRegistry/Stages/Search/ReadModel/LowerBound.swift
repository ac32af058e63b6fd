extension RandomAccessCollection {
    /// The first index whose element is not below, by binary search in a collection sorted so that every element
    /// `isBelow` accepts comes before every element it refuses.
    func lowerBound(_ isBelow: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isBelow(self[middle]) {
                low = index(after: middle)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
