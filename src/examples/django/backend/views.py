from rest_framework.response import Response
from rest_framework.views import APIView


class PublicData(APIView):
    """Public data, served only to visitors who came through the frontend (they hold a broker token)."""

    def get(self, request):
        return Response({"data": "public but gated", "session": request.user.sid})

    def post(self, request):
        return Response({"saved": True, "session": request.user.sid})
