"""The demo partnership's meetings (fictional people): `load` fills the 2018 meetings through the
services, `pack` uploads the papers of the demo agenda pack. Not imported by the product."""
