import CGit2

extension Repository {
    /// Writes HEAD's tree into the work tree and the git index (forcefully): used right after
    /// creating a site, so the files a human sees match the first commit and `git status` is clean.
    public func checkoutHead() throws {
        var options = git_checkout_options()
        git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
        try check(git_checkout_head(handle, &options), "git_checkout_head")
    }
}

extension Repository {
    /// Brings the work tree and the index from `baseline` (the tree they were checked out at)
    /// to HEAD's tree: writes only what differs between the two trees, and leaves alone any
    /// file a human changed meanwhile (safe checkout; such files stay as uncommitted changes).
    public func checkoutHead(from baseline: ObjectID) throws {
        var options = git_checkout_options()
        git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_ALLOW_CONFLICTS.rawValue
        try withTree(baseline) { tree in
            options.baseline = tree
            try check(git_checkout_head(handle, &options), "git_checkout_head")
        }
    }
}
