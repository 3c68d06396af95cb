from bondlint.cli import main

raise SystemExit(main())
