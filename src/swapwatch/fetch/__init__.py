"""The network, politely: one HTTP client (``client.Fetcher``), robots.txt, pages read into
Articles (``pages``) and feeds read into entries (``feeds``). Nothing here touches the store."""
