from storybank.cli import main

raise SystemExit(main())
